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
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.query_result import QueryResult
from ...models.request_timeout_problem import RequestTimeoutProblem
from ...models.run_query_request import RunQueryRequest
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unprocessable_entity_problem import UnprocessableEntityProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from typing import cast



def _get_kwargs(
    *,
    body: RunQueryRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/query",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = QueryResult.from_dict(response.json())



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

    if response.status_code == 408:
        response_408 = RequestTimeoutProblem.from_dict(response.json())



        return response_408

    if response.status_code == 409:
        response_409 = ConflictProblem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = PayloadTooLargeProblem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeProblem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = UnprocessableEntityProblem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunQueryRequest,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem]:
    """ Run a SQL query

     Runs one SELECT (or EXPLAIN SELECT) over tables named `database.table` and streams the result as
    JSON, CSV, Arrow or Parquet, with the query's id in the `X-Tarn-Query-Id` header. Needs SELECT
    on every table read: only granted columns exist and only rows the caller's data filters admit
    are read, and naming a column the caller may not read gives 403 `column_not_permitted`.

    Args:
        body (RunQueryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem]
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
    body: RunQueryRequest,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem | None:
    """ Run a SQL query

     Runs one SELECT (or EXPLAIN SELECT) over tables named `database.table` and streams the result as
    JSON, CSV, Arrow or Parquet, with the query's id in the `X-Tarn-Query-Id` header. Needs SELECT
    on every table read: only granted columns exist and only rows the caller's data filters admit
    are read, and naming a column the caller may not read gives 403 `column_not_permitted`.

    Args:
        body (RunQueryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RunQueryRequest,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem]:
    """ Run a SQL query

     Runs one SELECT (or EXPLAIN SELECT) over tables named `database.table` and streams the result as
    JSON, CSV, Arrow or Parquet, with the query's id in the `X-Tarn-Query-Id` header. Needs SELECT
    on every table read: only granted columns exist and only rows the caller's data filters admit
    are read, and naming a column the caller may not read gives 403 `column_not_permitted`.

    Args:
        body (RunQueryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem]
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
    body: RunQueryRequest,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem | None:
    """ Run a SQL query

     Runs one SELECT (or EXPLAIN SELECT) over tables named `database.table` and streams the result as
    JSON, CSV, Arrow or Parquet, with the query's id in the `X-Tarn-Query-Id` header. Needs SELECT
    on every table read: only granted columns exist and only rows the caller's data filters admit
    are read, and naming a column the caller may not read gives 403 `column_not_permitted`.

    Args:
        body (RunQueryRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | QueryResult | RequestTimeoutProblem | ServiceUnavailableProblem | TooManyRequestsProblem | UnauthorizedProblem | UnprocessableEntityProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
