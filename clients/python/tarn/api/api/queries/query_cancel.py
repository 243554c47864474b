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
from ...models.query_response import QueryResponse
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from typing import cast
from uuid import UUID



def _get_kwargs(
    id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/queries/{id}".format(id=quote(str(id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 202:
        response_202 = QueryResponse.from_dict(response.json())



        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Cancel a query

     Cancels one of the caller's running queries (a lake administrator may cancel anyone's); someone
    else's query is otherwise reported as 404. Answers 202 with the query as it stood, or 409 when
    it is not running.

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        id=id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Cancel a query

     Cancels one of the caller's running queries (a lake administrator may cancel anyone's); someone
    else's query is otherwise reported as 404. Answers 202 with the query as it stood, or 409 when
    it is not running.

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        id=id,
client=client,

    ).parsed

async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Cancel a query

     Cancels one of the caller's running queries (a lake administrator may cancel anyone's); someone
    else's query is otherwise reported as 404. Answers 202 with the query as it stood, or 409 when
    it is not running.

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        id=id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Cancel a query

     Cancels one of the caller's running queries (a lake administrator may cancel anyone's); someone
    else's query is otherwise reported as 404. Answers 202 with the query as it stood, or 409 when
    it is not running.

    Args:
        id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | QueryResponse | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        id=id,
client=client,

    )).parsed
