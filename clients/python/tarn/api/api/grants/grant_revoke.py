from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.grant_body import GrantBody
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.revoke_response import RevokeResponse
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from typing import cast



def _get_kwargs(
    *,
    body: GrantBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/grants/revoke",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = RevokeResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GrantBody,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Revoke privileges

     Removes the named privileges of a principal on a resource; with `columns`, only those columns
    are taken out of a column grant. Needs the same rights as granting them, and gives 404 when no
    matching grant exists.

    Args:
        body (GrantBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
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
    body: GrantBody,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Revoke privileges

     Removes the named privileges of a principal on a resource; with `columns`, only those columns
    are taken out of a column grant. Needs the same rights as granting them, and gives 404 when no
    matching grant exists.

    Args:
        body (GrantBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GrantBody,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Revoke privileges

     Removes the named privileges of a principal on a resource; with `columns`, only those columns
    are taken out of a column grant. Needs the same rights as granting them, and gives 404 when no
    matching grant exists.

    Args:
        body (GrantBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
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
    body: GrantBody,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Revoke privileges

     Removes the named privileges of a principal on a resource; with `columns`, only those columns
    are taken out of a column grant. Needs the same rights as granting them, and gives 404 when no
    matching grant exists.

    Args:
        body (GrantBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | RevokeResponse | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
