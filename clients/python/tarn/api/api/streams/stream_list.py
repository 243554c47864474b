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
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.stream_list import StreamList
from ...models.unauthorized_problem import UnauthorizedProblem
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/streams",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = StreamList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem]:
    """ List delivery streams

     Returns the caller's own streams, or every stream with the stream.read permission (roles
    lake_admin and read_only_admin).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem | None:
    """ List delivery streams

     Returns the caller's own streams, or every stream with the stream.read permission (roles
    lake_admin and read_only_admin).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem]:
    """ List delivery streams

     Returns the caller's own streams, or every stream with the stream.read permission (roles
    lake_admin and read_only_admin).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem | None:
    """ List delivery streams

     Returns the caller's own streams, or every stream with the stream.read permission (roles
    lake_admin and read_only_admin).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | StreamList | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
