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
from ...models.not_found_problem import NotFoundProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.stream_response import StreamResponse
from ...models.unauthorized_problem import UnauthorizedProblem
from typing import cast



def _get_kwargs(
    name: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/streams/{name}".format(name=quote(str(name), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = StreamResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem]:
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

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem]:
    """ Get a delivery stream

     Returns the stream's definition and status: records delivered and failed (every server),
    and the answering server's buffer, counters and backlog.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        name=name,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | None:
    """ Get a delivery stream

     Returns the stream's definition and status: records delivered and failed (every server),
    and the answering server's buffer, counters and backlog.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem
     """


    return sync_detailed(
        name=name,
client=client,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem]:
    """ Get a delivery stream

     Returns the stream's definition and status: records delivered and failed (every server),
    and the answering server's buffer, counters and backlog.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        name=name,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem | None:
    """ Get a delivery stream

     Returns the stream's definition and status: records delivered and failed (every server),
    and the answering server's buffer, counters and backlog.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | StreamResponse | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        name=name,
client=client,

    )).parsed
