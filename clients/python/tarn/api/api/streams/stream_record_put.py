from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.conflict_problem import ConflictProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.put_records_request import PutRecordsRequest
from ...models.put_records_response import PutRecordsResponse
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: str,
    *,
    body: PutRecordsRequest,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/streams/{name}/records".format(name=quote(str(name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = PutRecordsResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = BadRequestProblem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedProblem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenProblem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = NotFoundProblem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ConflictProblem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = PayloadTooLargeProblem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeProblem.from_dict(response.json())



        return response_415

    if response.status_code == 429:
        response_429 = TooManyRequestsProblem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = InternalServerErrorProblem.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = ServiceUnavailableProblem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PutRecordsRequest,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Put records into a stream

     Firehose's PutRecordBatch: a JSON body `{"records": [{"data": "<base64>"}]}`, or an
    `application/x-ndjson` body of one JSON record per line; at most 500 records and 4 MiB per
    request, 1,000 KiB per record. A 200 means every accepted record is in the server's fsynced
    log; the answer has a result per record (its id, or why it was refused: one bad record does not
    fail the others). Records that are not valid JSON or do not fit the table are accepted and
    delivered to the error table. With an `Idempotency-Key` header a retry gets the first answer
    and is applied once; without one, delivery is at least once. Needs INSERT on the table. Gives
    429 `stream_backlog` with Retry-After while the server's undelivered backlog is over its limit,
    503 `storage_full` when the log's disk is full. Successful puts are audited as one summary
    record per stream, principal and minute.

    Args:
        name (str):
        idempotency_key (None | str | Unset):
        body (PutRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PutRecordsRequest,
    idempotency_key: None | str | Unset = UNSET,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Put records into a stream

     Firehose's PutRecordBatch: a JSON body `{"records": [{"data": "<base64>"}]}`, or an
    `application/x-ndjson` body of one JSON record per line; at most 500 records and 4 MiB per
    request, 1,000 KiB per record. A 200 means every accepted record is in the server's fsynced
    log; the answer has a result per record (its id, or why it was refused: one bad record does not
    fail the others). Records that are not valid JSON or do not fit the table are accepted and
    delivered to the error table. With an `Idempotency-Key` header a retry gets the first answer
    and is applied once; without one, delivery is at least once. Needs INSERT on the table. Gives
    429 `stream_backlog` with Retry-After while the server's undelivered backlog is over its limit,
    503 `storage_full` when the log's disk is full. Successful puts are audited as one summary
    record per stream, principal and minute.

    Args:
        name (str):
        idempotency_key (None | str | Unset):
        body (PutRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        name=name,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PutRecordsRequest,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Put records into a stream

     Firehose's PutRecordBatch: a JSON body `{"records": [{"data": "<base64>"}]}`, or an
    `application/x-ndjson` body of one JSON record per line; at most 500 records and 4 MiB per
    request, 1,000 KiB per record. A 200 means every accepted record is in the server's fsynced
    log; the answer has a result per record (its id, or why it was refused: one bad record does not
    fail the others). Records that are not valid JSON or do not fit the table are accepted and
    delivered to the error table. With an `Idempotency-Key` header a retry gets the first answer
    and is applied once; without one, delivery is at least once. Needs INSERT on the table. Gives
    429 `stream_backlog` with Retry-After while the server's undelivered backlog is over its limit,
    503 `storage_full` when the log's disk is full. Successful puts are audited as one summary
    record per stream, principal and minute.

    Args:
        name (str):
        idempotency_key (None | str | Unset):
        body (PutRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: PutRecordsRequest,
    idempotency_key: None | str | Unset = UNSET,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Put records into a stream

     Firehose's PutRecordBatch: a JSON body `{"records": [{"data": "<base64>"}]}`, or an
    `application/x-ndjson` body of one JSON record per line; at most 500 records and 4 MiB per
    request, 1,000 KiB per record. A 200 means every accepted record is in the server's fsynced
    log; the answer has a result per record (its id, or why it was refused: one bad record does not
    fail the others). Records that are not valid JSON or do not fit the table are accepted and
    delivered to the error table. With an `Idempotency-Key` header a retry gets the first answer
    and is applied once; without one, delivery is at least once. Needs INSERT on the table. Gives
    429 `stream_backlog` with Retry-After while the server's undelivered backlog is over its limit,
    503 `storage_full` when the log's disk is full. Successful puts are audited as one summary
    record per stream, principal and minute.

    Args:
        name (str):
        idempotency_key (None | str | Unset):
        body (PutRecordsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PutRecordsResponse | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        name=name,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
