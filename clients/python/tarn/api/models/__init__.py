""" Contains all the data models used in inputs/outputs """

from .add_partitions_request import AddPartitionsRequest
from .assignment_body import AssignmentBody
from .assignment_list import AssignmentList
from .assignment_response import AssignmentResponse
from .audit_decision import AuditDecision
from .audit_list import AuditList
from .audit_record import AuditRecord
from .bad_request_problem import BadRequestProblem
from .bad_request_problem_code import BadRequestProblemCode
from .batch_response import BatchResponse
from .buffering import Buffering
from .business import Business
from .business_properties import BusinessProperties
from .cast_failure import CastFailure
from .change import Change
from .column import Column
from .column_lineage_edge import ColumnLineageEdge
from .column_permission import ColumnPermission
from .compression import Compression
from .conflict_problem import ConflictProblem
from .conflict_problem_code import ConflictProblemCode
from .crawler_list import CrawlerList
from .crawler_response import CrawlerResponse
from .create_crawler_request import CreateCrawlerRequest
from .create_data_filter_request import CreateDataFilterRequest
from .create_database_request import CreateDatabaseRequest
from .create_database_request_parameters import CreateDatabaseRequestParameters
from .create_principal_request import CreatePrincipalRequest
from .create_stream_request import CreateStreamRequest
from .create_table_request import CreateTableRequest
from .create_table_request_format_options import CreateTableRequestFormatOptions
from .create_tag_key_request import CreateTagKeyRequest
from .create_user_request import CreateUserRequest
from .credential_operation import CredentialOperation
from .credentials_request import CredentialsRequest
from .credentials_response import CredentialsResponse
from .data_file_entry import DataFileEntry
from .data_file_list import DataFileList
from .data_filter_list import DataFilterList
from .data_filter_resource import DataFilterResource
from .data_filter_response import DataFilterResponse
from .database_list import DatabaseList
from .database_response import DatabaseResponse
from .database_response_parameters import DatabaseResponseParameters
from .database_tags import DatabaseTags
from .database_tags_column_tags import DatabaseTagsColumnTags
from .database_tags_column_tags_additional_property import DatabaseTagsColumnTagsAdditionalProperty
from .database_tags_tags import DatabaseTagsTags
from .definition import Definition
from .definition_body import DefinitionBody
from .definition_format_options import DefinitionFormatOptions
from .delete_partitions_request import DeletePartitionsRequest
from .deleted_folders import DeletedFolders
from .diff_response import DiffResponse
from .effective_permissions import EffectivePermissions
from .empty import Empty
from .facet_value import FacetValue
from .file_response import FileResponse
from .forbidden_problem import ForbiddenProblem
from .forbidden_problem_code import ForbiddenProblemCode
from .format_ import Format
from .grant_body import GrantBody
from .grant_list import GrantList
from .grant_response import GrantResponse
from .grant_type import GrantType
from .group_response import GroupResponse
from .internal_server_error_problem import InternalServerErrorProblem
from .internal_server_error_problem_code import InternalServerErrorProblemCode
from .lineage_edge_response import LineageEdgeResponse
from .lineage_events import LineageEvents
from .lineage_events_events_item import LineageEventsEventsItem
from .lineage_graph import LineageGraph
from .lineage_node import LineageNode
from .match import Match
from .mqtt import Mqtt
from .not_found_problem import NotFoundProblem
from .not_found_problem_code import NotFoundProblemCode
from .output import Output
from .output_format import OutputFormat
from .partition_list import PartitionList
from .partition_response import PartitionResponse
from .partition_response_parameters import PartitionResponseParameters
from .partition_spec import PartitionSpec
from .partition_spec_parameters import PartitionSpecParameters
from .partition_values import PartitionValues
from .payload_too_large_problem import PayloadTooLargeProblem
from .payload_too_large_problem_code import PayloadTooLargeProblemCode
from .permission_type import PermissionType
from .pipeline_change_response import PipelineChangeResponse
from .pipeline_change_response_after_type_0 import PipelineChangeResponseAfterType0
from .pipeline_change_response_before_type_0 import PipelineChangeResponseBeforeType0
from .pipeline_diff_response import PipelineDiffResponse
from .pipeline_list import PipelineList
from .pipeline_response import PipelineResponse
from .pipeline_retry import PipelineRetry
from .pipeline_run_list import PipelineRunList
from .pipeline_run_response import PipelineRunResponse
from .pipeline_step_sql import PipelineStepSql
from .pipeline_step_sql_kind import PipelineStepSqlKind
from .pipeline_step_transform import PipelineStepTransform
from .pipeline_step_transform_kind import PipelineStepTransformKind
from .pipeline_step_validate import PipelineStepValidate
from .pipeline_step_validate_kind import PipelineStepValidateKind
from .pipeline_step_write import PipelineStepWrite
from .pipeline_step_write_kind import PipelineStepWriteKind
from .pipeline_trigger_data import PipelineTriggerData
from .pipeline_trigger_data_kind import PipelineTriggerDataKind
from .pipeline_trigger_pipeline import PipelineTriggerPipeline
from .pipeline_trigger_pipeline_kind import PipelineTriggerPipelineKind
from .pipeline_trigger_schedule import PipelineTriggerSchedule
from .pipeline_trigger_schedule_kind import PipelineTriggerScheduleKind
from .pipeline_version_list import PipelineVersionList
from .pipeline_version_response import PipelineVersionResponse
from .precondition_failed_problem import PreconditionFailedProblem
from .precondition_failed_problem_code import PreconditionFailedProblemCode
from .precondition_required_problem import PreconditionRequiredProblem
from .precondition_required_problem_code import PreconditionRequiredProblemCode
from .principal_list import PrincipalList
from .principal_response import PrincipalResponse
from .privilege_explanation import PrivilegeExplanation
from .privilege_name import PrivilegeName
from .problem import Problem
from .put_record import PutRecord
from .put_record_result import PutRecordResult
from .put_records_request import PutRecordsRequest
from .put_records_response import PutRecordsResponse
from .quality_response import QualityResponse
from .quality_rule import QualityRule
from .query_list import QueryList
from .query_response import QueryResponse
from .query_result import QueryResult
from .query_result_column import QueryResultColumn
from .query_result_rows_item import QueryResultRowsItem
from .replay_body import ReplayBody
from .replay_response import ReplayResponse
from .request_timeout_problem import RequestTimeoutProblem
from .request_timeout_problem_code import RequestTimeoutProblemCode
from .reset_bookmarks_request import ResetBookmarksRequest
from .resource_catalog import ResourceCatalog
from .resource_data_filter import ResourceDataFilter
from .resource_database import ResourceDatabase
from .resource_location import ResourceLocation
from .resource_table import ResourceTable
from .resource_tag_expression import ResourceTagExpression
from .resource_tags import ResourceTags
from .resource_tags_column_tags import ResourceTagsColumnTags
from .resource_tags_column_tags_additional_property import ResourceTagsColumnTagsAdditionalProperty
from .resource_tags_tags import ResourceTagsTags
from .result_format import ResultFormat
from .revoke_response import RevokeResponse
from .role_held import RoleHeld
from .role_list import RoleList
from .role_name import RoleName
from .role_response import RoleResponse
from .role_revoke_response import RoleRevokeResponse
from .rotate_keys_request import RotateKeysRequest
from .rotate_keys_response import RotateKeysResponse
from .rule_action import RuleAction
from .rule_outcome_response import RuleOutcomeResponse
from .run_list import RunList
from .run_query_request import RunQueryRequest
from .run_request import RunRequest
from .run_response import RunResponse
from .run_response_errors_item import RunResponseErrorsItem
from .run_response_stats import RunResponseStats
from .schema_change import SchemaChange
from .search_hit import SearchHit
from .search_hit_tags import SearchHitTags
from .search_quality import SearchQuality
from .search_response import SearchResponse
from .search_response_facets import SearchResponseFacets
from .service_created import ServiceCreated
from .service_unavailable_problem import ServiceUnavailableProblem
from .service_unavailable_problem_code import ServiceUnavailableProblemCode
from .step_run_response import StepRunResponse
from .stream_list import StreamList
from .stream_response import StreamResponse
from .stream_status import StreamStatus
from .stream_table_schema import StreamTableSchema
from .table_list import TableList
from .table_resource import TableResource
from .table_response import TableResponse
from .table_response_column_tags import TableResponseColumnTags
from .table_response_column_tags_additional_property import TableResponseColumnTagsAdditionalProperty
from .table_response_tags import TableResponseTags
from .tag_expression import TagExpression
from .tag_expression_tags import TagExpressionTags
from .tag_key_list import TagKeyList
from .tag_key_response import TagKeyResponse
from .tag_resource_type import TagResourceType
from .token_request import TokenRequest
from .token_request_form import TokenRequestForm
from .token_response import TokenResponse
from .too_many_requests_problem import TooManyRequestsProblem
from .too_many_requests_problem_code import TooManyRequestsProblemCode
from .transform_operation_cast import TransformOperationCast
from .transform_operation_cast_op import TransformOperationCastOp
from .transform_operation_deduplicate import TransformOperationDeduplicate
from .transform_operation_deduplicate_op import TransformOperationDeduplicateOp
from .transform_operation_fill_null import TransformOperationFillNull
from .transform_operation_fill_null_op import TransformOperationFillNullOp
from .transform_operation_fill_null_value import TransformOperationFillNullValue
from .transform_operation_filter import TransformOperationFilter
from .transform_operation_filter_op import TransformOperationFilterOp
from .transform_operation_flatten import TransformOperationFlatten
from .transform_operation_flatten_op import TransformOperationFlattenOp
from .transform_operation_hash import TransformOperationHash
from .transform_operation_hash_op import TransformOperationHashOp
from .transform_operation_lower import TransformOperationLower
from .transform_operation_lower_op import TransformOperationLowerOp
from .transform_operation_mask import TransformOperationMask
from .transform_operation_mask_op import TransformOperationMaskOp
from .transform_operation_parse_timestamp import TransformOperationParseTimestamp
from .transform_operation_parse_timestamp_op import TransformOperationParseTimestampOp
from .transform_operation_rename import TransformOperationRename
from .transform_operation_rename_columns import TransformOperationRenameColumns
from .transform_operation_rename_op import TransformOperationRenameOp
from .transform_operation_tokenize import TransformOperationTokenize
from .transform_operation_tokenize_op import TransformOperationTokenizeOp
from .transform_operation_trim import TransformOperationTrim
from .transform_operation_trim_op import TransformOperationTrimOp
from .transform_operation_upper import TransformOperationUpper
from .transform_operation_upper_op import TransformOperationUpperOp
from .trigger_condition import TriggerCondition
from .unauthorized_problem import UnauthorizedProblem
from .unauthorized_problem_code import UnauthorizedProblemCode
from .unprocessable_entity_problem import UnprocessableEntityProblem
from .unprocessable_entity_problem_code import UnprocessableEntityProblemCode
from .unsupported_media_type_problem import UnsupportedMediaTypeProblem
from .unsupported_media_type_problem_code import UnsupportedMediaTypeProblemCode
from .update_database_request import UpdateDatabaseRequest
from .update_database_request_parameters_type_0 import UpdateDatabaseRequestParametersType0
from .update_table_request import UpdateTableRequest
from .update_table_request_format_options_type_0 import UpdateTableRequestFormatOptionsType0
from .update_tag_key_request import UpdateTagKeyRequest
from .update_user_request import UpdateUserRequest
from .vended_file import VendedFile
from .verify_response import VerifyResponse
from .version_list import VersionList
from .version_response import VersionResponse
from .who_am_i import WhoAmI
from .write_mode import WriteMode
from .write_schema_change import WriteSchemaChange
from .zone import Zone

__all__ = (
    "AddPartitionsRequest",
    "AssignmentBody",
    "AssignmentList",
    "AssignmentResponse",
    "AuditDecision",
    "AuditList",
    "AuditRecord",
    "BadRequestProblem",
    "BadRequestProblemCode",
    "BatchResponse",
    "Buffering",
    "Business",
    "BusinessProperties",
    "CastFailure",
    "Change",
    "Column",
    "ColumnLineageEdge",
    "ColumnPermission",
    "Compression",
    "ConflictProblem",
    "ConflictProblemCode",
    "CrawlerList",
    "CrawlerResponse",
    "CreateCrawlerRequest",
    "CreateDatabaseRequest",
    "CreateDatabaseRequestParameters",
    "CreateDataFilterRequest",
    "CreatePrincipalRequest",
    "CreateStreamRequest",
    "CreateTableRequest",
    "CreateTableRequestFormatOptions",
    "CreateTagKeyRequest",
    "CreateUserRequest",
    "CredentialOperation",
    "CredentialsRequest",
    "CredentialsResponse",
    "DatabaseList",
    "DatabaseResponse",
    "DatabaseResponseParameters",
    "DatabaseTags",
    "DatabaseTagsColumnTags",
    "DatabaseTagsColumnTagsAdditionalProperty",
    "DatabaseTagsTags",
    "DataFileEntry",
    "DataFileList",
    "DataFilterList",
    "DataFilterResource",
    "DataFilterResponse",
    "Definition",
    "DefinitionBody",
    "DefinitionFormatOptions",
    "DeletedFolders",
    "DeletePartitionsRequest",
    "DiffResponse",
    "EffectivePermissions",
    "Empty",
    "FacetValue",
    "FileResponse",
    "ForbiddenProblem",
    "ForbiddenProblemCode",
    "Format",
    "GrantBody",
    "GrantList",
    "GrantResponse",
    "GrantType",
    "GroupResponse",
    "InternalServerErrorProblem",
    "InternalServerErrorProblemCode",
    "LineageEdgeResponse",
    "LineageEvents",
    "LineageEventsEventsItem",
    "LineageGraph",
    "LineageNode",
    "Match",
    "Mqtt",
    "NotFoundProblem",
    "NotFoundProblemCode",
    "Output",
    "OutputFormat",
    "PartitionList",
    "PartitionResponse",
    "PartitionResponseParameters",
    "PartitionSpec",
    "PartitionSpecParameters",
    "PartitionValues",
    "PayloadTooLargeProblem",
    "PayloadTooLargeProblemCode",
    "PermissionType",
    "PipelineChangeResponse",
    "PipelineChangeResponseAfterType0",
    "PipelineChangeResponseBeforeType0",
    "PipelineDiffResponse",
    "PipelineList",
    "PipelineResponse",
    "PipelineRetry",
    "PipelineRunList",
    "PipelineRunResponse",
    "PipelineStepSql",
    "PipelineStepSqlKind",
    "PipelineStepTransform",
    "PipelineStepTransformKind",
    "PipelineStepValidate",
    "PipelineStepValidateKind",
    "PipelineStepWrite",
    "PipelineStepWriteKind",
    "PipelineTriggerData",
    "PipelineTriggerDataKind",
    "PipelineTriggerPipeline",
    "PipelineTriggerPipelineKind",
    "PipelineTriggerSchedule",
    "PipelineTriggerScheduleKind",
    "PipelineVersionList",
    "PipelineVersionResponse",
    "PreconditionFailedProblem",
    "PreconditionFailedProblemCode",
    "PreconditionRequiredProblem",
    "PreconditionRequiredProblemCode",
    "PrincipalList",
    "PrincipalResponse",
    "PrivilegeExplanation",
    "PrivilegeName",
    "Problem",
    "PutRecord",
    "PutRecordResult",
    "PutRecordsRequest",
    "PutRecordsResponse",
    "QualityResponse",
    "QualityRule",
    "QueryList",
    "QueryResponse",
    "QueryResult",
    "QueryResultColumn",
    "QueryResultRowsItem",
    "ReplayBody",
    "ReplayResponse",
    "RequestTimeoutProblem",
    "RequestTimeoutProblemCode",
    "ResetBookmarksRequest",
    "ResourceCatalog",
    "ResourceDatabase",
    "ResourceDataFilter",
    "ResourceLocation",
    "ResourceTable",
    "ResourceTagExpression",
    "ResourceTags",
    "ResourceTagsColumnTags",
    "ResourceTagsColumnTagsAdditionalProperty",
    "ResourceTagsTags",
    "ResultFormat",
    "RevokeResponse",
    "RoleHeld",
    "RoleList",
    "RoleName",
    "RoleResponse",
    "RoleRevokeResponse",
    "RotateKeysRequest",
    "RotateKeysResponse",
    "RuleAction",
    "RuleOutcomeResponse",
    "RunList",
    "RunQueryRequest",
    "RunRequest",
    "RunResponse",
    "RunResponseErrorsItem",
    "RunResponseStats",
    "SchemaChange",
    "SearchHit",
    "SearchHitTags",
    "SearchQuality",
    "SearchResponse",
    "SearchResponseFacets",
    "ServiceCreated",
    "ServiceUnavailableProblem",
    "ServiceUnavailableProblemCode",
    "StepRunResponse",
    "StreamList",
    "StreamResponse",
    "StreamStatus",
    "StreamTableSchema",
    "TableList",
    "TableResource",
    "TableResponse",
    "TableResponseColumnTags",
    "TableResponseColumnTagsAdditionalProperty",
    "TableResponseTags",
    "TagExpression",
    "TagExpressionTags",
    "TagKeyList",
    "TagKeyResponse",
    "TagResourceType",
    "TokenRequest",
    "TokenRequestForm",
    "TokenResponse",
    "TooManyRequestsProblem",
    "TooManyRequestsProblemCode",
    "TransformOperationCast",
    "TransformOperationCastOp",
    "TransformOperationDeduplicate",
    "TransformOperationDeduplicateOp",
    "TransformOperationFillNull",
    "TransformOperationFillNullOp",
    "TransformOperationFillNullValue",
    "TransformOperationFilter",
    "TransformOperationFilterOp",
    "TransformOperationFlatten",
    "TransformOperationFlattenOp",
    "TransformOperationHash",
    "TransformOperationHashOp",
    "TransformOperationLower",
    "TransformOperationLowerOp",
    "TransformOperationMask",
    "TransformOperationMaskOp",
    "TransformOperationParseTimestamp",
    "TransformOperationParseTimestampOp",
    "TransformOperationRename",
    "TransformOperationRenameColumns",
    "TransformOperationRenameOp",
    "TransformOperationTokenize",
    "TransformOperationTokenizeOp",
    "TransformOperationTrim",
    "TransformOperationTrimOp",
    "TransformOperationUpper",
    "TransformOperationUpperOp",
    "TriggerCondition",
    "UnauthorizedProblem",
    "UnauthorizedProblemCode",
    "UnprocessableEntityProblem",
    "UnprocessableEntityProblemCode",
    "UnsupportedMediaTypeProblem",
    "UnsupportedMediaTypeProblemCode",
    "UpdateDatabaseRequest",
    "UpdateDatabaseRequestParametersType0",
    "UpdateTableRequest",
    "UpdateTableRequestFormatOptionsType0",
    "UpdateTagKeyRequest",
    "UpdateUserRequest",
    "VendedFile",
    "VerifyResponse",
    "VersionList",
    "VersionResponse",
    "WhoAmI",
    "WriteMode",
    "WriteSchemaChange",
    "Zone",
)
