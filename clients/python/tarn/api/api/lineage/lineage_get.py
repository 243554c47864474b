from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.lineage_graph import LineageGraph
from ...models.not_found_problem import NotFoundProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    database: str,
    table: str,
    column: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    depth: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["database"] = database

    params["table"] = table

    params["column"] = column

    params["direction"] = direction

    params["depth"] = depth


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/lineage",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = LineageGraph.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    database: str,
    table: str,
    column: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    depth: int | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Get lineage

     The tables upstream or downstream of a table, as pipeline runs recorded them, and with `column`
    the column edges from one of its columns. Tables the caller may not see appear as opaque
    `hidden` nodes and are not followed; the table asked about must be visible (else 404).

    Args:
        database (str):
        table (str):
        column (str | Unset):
        direction (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        database=database,
table=table,
column=column,
direction=direction,
depth=depth,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    database: str,
    table: str,
    column: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    depth: int | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Get lineage

     The tables upstream or downstream of a table, as pipeline runs recorded them, and with `column`
    the column edges from one of its columns. Tables the caller may not see appear as opaque
    `hidden` nodes and are not followed; the table asked about must be visible (else 404).

    Args:
        database (str):
        table (str):
        column (str | Unset):
        direction (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,
database=database,
table=table,
column=column,
direction=direction,
depth=depth,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    database: str,
    table: str,
    column: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    depth: int | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Get lineage

     The tables upstream or downstream of a table, as pipeline runs recorded them, and with `column`
    the column edges from one of its columns. Tables the caller may not see appear as opaque
    `hidden` nodes and are not followed; the table asked about must be visible (else 404).

    Args:
        database (str):
        table (str):
        column (str | Unset):
        direction (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        database=database,
table=table,
column=column,
direction=direction,
depth=depth,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    database: str,
    table: str,
    column: str | Unset = UNSET,
    direction: str | Unset = UNSET,
    depth: int | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Get lineage

     The tables upstream or downstream of a table, as pipeline runs recorded them, and with `column`
    the column edges from one of its columns. Tables the caller may not see appear as opaque
    `hidden` nodes and are not followed; the table asked about must be visible (else 404).

    Args:
        database (str):
        table (str):
        column (str | Unset):
        direction (str | Unset):
        depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageGraph | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,
database=database,
table=table,
column=column,
direction=direction,
depth=depth,

    )).parsed
