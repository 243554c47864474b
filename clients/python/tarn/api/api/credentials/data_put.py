from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.conflict_problem import ConflictProblem
from ...models.file_response import FileResponse
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from ...types import File, FileTypes
from io import BytesIO
from typing import cast



def _get_kwargs(
    db: str,
    table: str,
    path: str,
    *,
    body: File,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/data/{db}/{table}/{path}".format(db=quote(str(db), safe=""),table=quote(str(table), safe=""),path=quote(str(path), safe=""),),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 201:
        response_201 = FileResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    db: str,
    table: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,

) -> Response[BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Write a table file with a data token

     Writes one file into the table's folder for the bearer of a WRITE data token vended for this
    table, replacing a file of the same name; the path may start with partition folders, e.g.
    `year=2024/a.parquet`. The caller's INSERT is checked again on every request, and only raw-zone
    tables accept files.

    Args:
        db (str):
        table (str):
        path (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        db=db,
table=table,
path=path,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    db: str,
    table: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,

) -> BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Write a table file with a data token

     Writes one file into the table's folder for the bearer of a WRITE data token vended for this
    table, replacing a file of the same name; the path may start with partition folders, e.g.
    `year=2024/a.parquet`. The caller's INSERT is checked again on every request, and only raw-zone
    tables accept files.

    Args:
        db (str):
        table (str):
        path (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        db=db,
table=table,
path=path,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    db: str,
    table: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,

) -> Response[BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Write a table file with a data token

     Writes one file into the table's folder for the bearer of a WRITE data token vended for this
    table, replacing a file of the same name; the path may start with partition folders, e.g.
    `year=2024/a.parquet`. The caller's INSERT is checked again on every request, and only raw-zone
    tables accept files.

    Args:
        db (str):
        table (str):
        path (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        db=db,
table=table,
path=path,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    db: str,
    table: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    body: File,

) -> BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Write a table file with a data token

     Writes one file into the table's folder for the bearer of a WRITE data token vended for this
    table, replacing a file of the same name; the path may start with partition folders, e.g.
    `year=2024/a.parquet`. The caller's INSERT is checked again on every request, and only raw-zone
    tables accept files.

    Args:
        db (str):
        table (str):
        path (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | FileResponse | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        db=db,
table=table,
path=path,
client=client,
body=body,

    )).parsed
