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
from ...models.reset_bookmarks_request import ResetBookmarksRequest
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    name: str,
    *,
    body: None | ResetBookmarksRequest | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/pipelines/{name}/bookmarks/reset".format(name=quote(str(name), safe=""),),
    }

    
    if isinstance(body, ResetBookmarksRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
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
    body: None | ResetBookmarksRequest | Unset = UNSET,

) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Reset a pipeline's bookmarks

     Its incremental inputs are read in full by the next run: all of them, or with a body
    `{"table": "db.t"}` that one.

    Args:
        name (str):
        body (None | ResetBookmarksRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: None | ResetBookmarksRequest | Unset = UNSET,

) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Reset a pipeline's bookmarks

     Its incremental inputs are read in full by the next run: all of them, or with a body
    `{"table": "db.t"}` that one.

    Args:
        name (str):
        body (None | ResetBookmarksRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        name=name,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: None | ResetBookmarksRequest | Unset = UNSET,

) -> Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Reset a pipeline's bookmarks

     Its incremental inputs are read in full by the next run: all of them, or with a body
    `{"table": "db.t"}` that one.

    Args:
        name (str):
        body (None | ResetBookmarksRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: None | ResetBookmarksRequest | Unset = UNSET,

) -> Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Reset a pipeline's bookmarks

     Its incremental inputs are read in full by the next run: all of them, or with a body
    `{"table": "db.t"}` that one.

    Args:
        name (str):
        body (None | ResetBookmarksRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        name=name,
client=client,
body=body,

    )).parsed
