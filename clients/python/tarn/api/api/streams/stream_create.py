from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.conflict_problem import ConflictProblem
from ...models.create_stream_request import CreateStreamRequest
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.stream_response import StreamResponse
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from typing import cast



def _get_kwargs(
    *,
    body: CreateStreamRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/streams",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 201:
        response_201 = StreamResponse.from_dict(response.json())



        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateStreamRequest,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Create a delivery stream

     Defines a stream that accepts JSON records, buffers them and delivers them into the target
    table as files (Parquet converted by the table's schema by default), partitioned by the table's
    partition keys. The table is created from `schema` when it does not exist. Records that cannot
    be delivered go to the error table with the reason. Needs ALTER (and INSERT) on the table, or
    the stream.manage role; deliveries are written as the creator.

    Args:
        body (CreateStreamRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateStreamRequest,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Create a delivery stream

     Defines a stream that accepts JSON records, buffers them and delivers them into the target
    table as files (Parquet converted by the table's schema by default), partitioned by the table's
    partition keys. The table is created from `schema` when it does not exist. Records that cannot
    be delivered go to the error table with the reason. Needs ALTER (and INSERT) on the table, or
    the stream.manage role; deliveries are written as the creator.

    Args:
        body (CreateStreamRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateStreamRequest,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Create a delivery stream

     Defines a stream that accepts JSON records, buffers them and delivers them into the target
    table as files (Parquet converted by the table's schema by default), partitioned by the table's
    partition keys. The table is created from `schema` when it does not exist. Records that cannot
    be delivered go to the error table with the reason. Needs ALTER (and INSERT) on the table, or
    the stream.manage role; deliveries are written as the creator.

    Args:
        body (CreateStreamRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateStreamRequest,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Create a delivery stream

     Defines a stream that accepts JSON records, buffers them and delivers them into the target
    table as files (Parquet converted by the table's schema by default), partitioned by the table's
    partition keys. The table is created from `schema` when it does not exist. Records that cannot
    be delivered go to the error table with the reason. Needs ALTER (and INSERT) on the table, or
    the stream.manage role; deliveries are written as the creator.

    Args:
        body (CreateStreamRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
