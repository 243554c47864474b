from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.assignment_list import AssignmentList
from ...models.bad_request_problem import BadRequestProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    principal: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_principal: None | str | Unset
    if isinstance(principal, Unset):
        json_principal = UNSET
    else:
        json_principal = principal
    params["principal"] = json_principal


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/roles/assignments",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = AssignmentList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,

) -> Response[AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List role assignments

     Returns who holds which role, optionally for one `principal`. Holders of the role.read
    permission (roles lake_admin and read_only_admin) see every assignment; others only their own
    and their groups'.

    Args:
        principal (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        principal=principal,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,

) -> AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List role assignments

     Returns who holds which role, optionally for one `principal`. Holders of the role.read
    permission (roles lake_admin and read_only_admin) see every assignment; others only their own
    and their groups'.

    Args:
        principal (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,
principal=principal,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,

) -> Response[AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List role assignments

     Returns who holds which role, optionally for one `principal`. Holders of the role.read
    permission (roles lake_admin and read_only_admin) see every assignment; others only their own
    and their groups'.

    Args:
        principal (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        principal=principal,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,

) -> AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List role assignments

     Returns who holds which role, optionally for one `principal`. Holders of the role.read
    permission (roles lake_admin and read_only_admin) see every assignment; others only their own
    and their groups'.

    Args:
        principal (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,
principal=principal,

    )).parsed
