//! Query results as bytes, batch by batch, so they stream: JSON, CSV, Arrow IPC or Parquet.

use bytes::Bytes;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::csv::WriterBuilder as CsvWriterBuilder;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::ipc::writer::StreamWriter;
use datafusion::arrow::json::WriterBuilder as JsonWriterBuilder;
use datafusion::arrow::json::writer::JsonArray;
use datafusion::parquet::arrow::ArrowWriter;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// `{"columns": [{"name", "type"}], "rows": [{column: value}]}`
    #[default]
    Json,
    /// With a header line.
    Csv,
    /// The Arrow IPC stream format.
    Arrow,
    Parquet,
}

impl OutputFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Arrow => "application/vnd.apache.arrow.stream",
            Self::Parquet => "application/vnd.apache.parquet",
        }
    }
}

pub enum Encoder {
    Json { first: bool },
    Csv { header: bool },
    Arrow(StreamWriter<Vec<u8>>),
    Parquet(ArrowWriter<Vec<u8>>),
}

type EncodeResult<T> = Result<T, String>;

impl Encoder {
    /// The encoder and the bytes that open the output.
    pub fn start(format: OutputFormat, schema: &SchemaRef) -> EncodeResult<(Self, Bytes)> {
        Ok(match format {
            OutputFormat::Json => {
                let columns: Vec<_> = schema
                    .fields()
                    .iter()
                    .map(|f| serde_json::json!({"name": f.name(), "type": f.data_type().to_string()}))
                    .collect();
                let head = format!("{{\"columns\":{},\"rows\":[", serde_json::Value::Array(columns));
                (Self::Json { first: true }, Bytes::from(head))
            }
            OutputFormat::Csv => (Self::Csv { header: true }, Bytes::new()),
            OutputFormat::Arrow => {
                let mut writer = StreamWriter::try_new(Vec::new(), schema).map_err(|e| e.to_string())?;
                let head = std::mem::take(writer.get_mut());
                (Self::Arrow(writer), Bytes::from(head))
            }
            OutputFormat::Parquet => {
                let writer = ArrowWriter::try_new(Vec::new(), schema.clone(), None).map_err(|e| e.to_string())?;
                (Self::Parquet(writer), Bytes::new())
            }
        })
    }

    /// The bytes of one batch (Parquet's arrive as its row groups fill).
    pub fn batch(&mut self, batch: &RecordBatch) -> EncodeResult<Bytes> {
        match self {
            Self::Json { first } => {
                if batch.num_rows() == 0 {
                    return Ok(Bytes::new());
                }
                let mut writer = JsonWriterBuilder::new().with_explicit_nulls(true).build::<_, JsonArray>(Vec::new());
                writer.write(batch).map_err(|e| e.to_string())?;
                writer.finish().map_err(|e| e.to_string())?;
                let array = writer.into_inner();
                // `[{..},{..}]` without its brackets, joined to what came before.
                let inner = &array[1..array.len().saturating_sub(1)];
                let mut out = Vec::with_capacity(inner.len() + 1);
                if !*first {
                    out.push(b',');
                }
                out.extend_from_slice(inner);
                *first = false;
                Ok(Bytes::from(out))
            }
            Self::Csv { header } => {
                let mut writer = CsvWriterBuilder::new().with_header(*header).build(Vec::new());
                writer.write(batch).map_err(|e| e.to_string())?;
                *header = false;
                Ok(Bytes::from(writer.into_inner()))
            }
            Self::Arrow(writer) => {
                writer.write(batch).map_err(|e| e.to_string())?;
                Ok(Bytes::from(std::mem::take(writer.get_mut())))
            }
            Self::Parquet(writer) => {
                writer.write(batch).map_err(|e| e.to_string())?;
                Ok(Bytes::from(std::mem::take(writer.inner_mut())))
            }
        }
    }

    /// The bytes that close the output.
    pub fn finish(self, schema: &SchemaRef) -> EncodeResult<Bytes> {
        match self {
            Self::Json { .. } => Ok(Bytes::from_static(b"]}")),
            // A CSV of no rows still has its header.
            Self::Csv { header: true } => {
                let mut writer = CsvWriterBuilder::new().with_header(true).build(Vec::new());
                writer.write(&RecordBatch::new_empty(schema.clone())).map_err(|e| e.to_string())?;
                Ok(Bytes::from(writer.into_inner()))
            }
            Self::Csv { .. } => Ok(Bytes::new()),
            Self::Arrow(mut writer) => {
                writer.finish().map_err(|e| e.to_string())?;
                Ok(Bytes::from(std::mem::take(writer.get_mut())))
            }
            Self::Parquet(mut writer) => {
                writer.finish().map_err(|e| e.to_string())?;
                Ok(Bytes::from(std::mem::take(writer.inner_mut())))
            }
        }
    }
}
