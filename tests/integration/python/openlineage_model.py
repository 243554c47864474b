"""Reads OpenLineage RunEvents (a JSON list) on stdin and rebuilds each one with the
OpenLineage project's own Python model (openlineage-python, generated from the spec's JSON
schemas, with its validators): an event whose keys, types, enum values, dates, run ids or
facet schema URLs the spec does not allow fails here. Prints `ok <n>`."""

import json
import sys

from openlineage.client import event_v2
from openlineage.client.generated import column_lineage_dataset as cl
from openlineage.client.generated import error_message_run as em
from openlineage.client.generated import schema_dataset as sd
from openlineage.client.serde import Serde

KNOWN_DATASET_FACETS = {"schema", "columnLineage"}
KNOWN_RUN_FACETS = {"errorMessage"}


def exact(cls, value, keys):
    extra = set(value) - set(keys)
    assert not extra, f"{cls.__name__}: keys the spec does not define: {extra}"
    return cls(**{k: value[k] for k in keys if k in value})


def input_field(f):
    transformations = [exact(cl.Transformation, t, ["type", "subtype", "description", "masking"])
                       for t in f.get("transformations", [])]
    assert all(t.type in ("DIRECT", "INDIRECT") for t in transformations), f
    rest = {k: v for k, v in f.items() if k != "transformations"}
    return cl.InputField(transformations=transformations, **exact(dict, rest, ["namespace", "name", "field"]))


def facet(cls, value, build):
    producer, url = value.pop("_producer"), value.pop("_schemaURL")
    built = build(value)
    built._producer = producer
    assert url == built._schemaURL, f"{cls.__name__}: _schemaURL {url} is not {built._schemaURL}"
    return built


def dataset_facets(facets):
    assert set(facets) <= KNOWN_DATASET_FACETS, facets.keys()
    out = {}
    if "schema" in facets:
        out["schema"] = facet(sd.SchemaDatasetFacet, dict(facets["schema"]), lambda v: sd.SchemaDatasetFacet(
            fields=[exact(sd.SchemaDatasetFacetFields, f, ["name", "type", "description"]) for f in v.pop("fields")],
            **exact(dict, v, [])))
    if "columnLineage" in facets:
        out["columnLineage"] = facet(cl.ColumnLineageDatasetFacet, dict(facets["columnLineage"]),
                                     lambda v: cl.ColumnLineageDatasetFacet(
            fields={k: cl.Fields(inputFields=[input_field(f) for f in c["inputFields"]],
                                 **exact(dict, {k2: v2 for k2, v2 in c.items() if k2 != "inputFields"},
                                         ["transformationDescription", "transformationType"]))
                    for k, c in v.pop("fields").items()},
            dataset=[input_field(f) for f in v.pop("dataset", [])],
            **exact(dict, v, [])))
    return out


def run_facets(facets):
    assert set(facets) <= KNOWN_RUN_FACETS, facets.keys()
    out = {}
    if "errorMessage" in facets:
        out["errorMessage"] = facet(em.ErrorMessageRunFacet, dict(facets["errorMessage"]),
                                    lambda v: exact(em.ErrorMessageRunFacet, v,
                                                    ["message", "programmingLanguage", "stackTrace"]))
    return out


def rebuild(e):
    datasets = lambda cls, items: [cls(namespace=d["namespace"], name=d["name"],
                                       facets=dataset_facets(d.get("facets", {}))) for d in items]
    event = event_v2.RunEvent(
        eventType=event_v2.RunState(e["eventType"]),
        eventTime=e["eventTime"],
        run=event_v2.Run(runId=e["run"]["runId"], facets=run_facets(e["run"].get("facets", {}))),
        job=event_v2.Job(namespace=e["job"]["namespace"], name=e["job"]["name"]),
        inputs=datasets(event_v2.InputDataset, e.get("inputs", [])),
        outputs=datasets(event_v2.OutputDataset, e.get("outputs", [])),
        producer=e["producer"],
    )
    assert e["schemaURL"] == event.schemaURL, f"schemaURL {e['schemaURL']} is not {event.schemaURL}"
    return event


def same(model, ours, at="event"):
    """The model's rendering says what ours says; keys only the model has hold empty defaults."""
    if isinstance(ours, dict):
        assert isinstance(model, dict), at
        for key, value in ours.items():
            assert key in model, f"{at}.{key}: not in the model's rendering"
            same(model[key], value, f"{at}.{key}")
        for key in set(model) - set(ours):
            assert model[key] in ([], {}, None), f"{at}.{key}: the model has {model[key]!r}"
    elif isinstance(ours, list):
        assert isinstance(model, list) and len(model) == len(ours), at
        for i, (m, o) in enumerate(zip(model, ours)):
            same(m, o, f"{at}[{i}]")
    else:
        assert model == ours, f"{at}: {model!r} != {ours!r}"


events = json.load(sys.stdin)
for e in events:
    same(json.loads(Serde.to_json(rebuild(e))), e)
print(f"ok {len(events)}")
