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
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    db: str,
    *,
    cascade: bool | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["cascade"] = cascade


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/databases/{db}".format(db=quote(str(db), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    db: str,
    *,
    client: AuthenticatedClient | Client,
    cascade: bool | Unset = UNSET,

) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Delete a database

     Deletes the database with its tags and the grants on it. Needs DROP on the database; a database
    that still has tables gives 409 `database_not_empty` unless `cascade=true`, which also deletes
    its tables with their versions and partitions.

    Args:
        db (str):
        cascade (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        db=db,
cascade=cascade,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    db: str,
    *,
    client: AuthenticatedClient | Client,
    cascade: bool | Unset = UNSET,

) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Delete a database

     Deletes the database with its tags and the grants on it. Needs DROP on the database; a database
    that still has tables gives 409 `database_not_empty` unless `cascade=true`, which also deletes
    its tables with their versions and partitions.

    Args:
        db (str):
        cascade (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        db=db,
client=client,
cascade=cascade,

    ).parsed

async def asyncio_detailed(
    db: str,
    *,
    client: AuthenticatedClient | Client,
    cascade: bool | Unset = UNSET,

) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Delete a database

     Deletes the database with its tags and the grants on it. Needs DROP on the database; a database
    that still has tables gives 409 `database_not_empty` unless `cascade=true`, which also deletes
    its tables with their versions and partitions.

    Args:
        db (str):
        cascade (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        db=db,
cascade=cascade,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    db: str,
    *,
    client: AuthenticatedClient | Client,
    cascade: bool | Unset = UNSET,

) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Delete a database

     Deletes the database with its tags and the grants on it. Needs DROP on the database; a database
    that still has tables gives 409 `database_not_empty` unless `cascade=true`, which also deletes
    its tables with their versions and partitions.

    Args:
        db (str):
        cascade (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        db=db,
client=client,
cascade=cascade,

    )).parsed
