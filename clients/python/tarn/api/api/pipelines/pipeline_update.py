from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.conflict_problem import ConflictProblem
from ...models.definition_body import DefinitionBody
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.pipeline_response import PipelineResponse
from ...models.precondition_failed_problem import PreconditionFailedProblem
from ...models.precondition_required_problem import PreconditionRequiredProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from typing import cast



def _get_kwargs(
    name: str,
    *,
    body: DefinitionBody,
    if_match: str,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/pipelines/{name}".format(name=quote(str(name), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = PipelineResponse.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = ConflictProblem.from_dict(response.json())



        return response_409

    if response.status_code == 412:
        response_412 = PreconditionFailedProblem.from_dict(response.json())



        return response_412

    if response.status_code == 413:
        response_413 = PayloadTooLargeProblem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeProblem.from_dict(response.json())



        return response_415

    if response.status_code == 428:
        response_428 = PreconditionRequiredProblem.from_dict(response.json())



        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
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
    body: DefinitionBody,
    if_match: str,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Replace a pipeline's definition

     Writes a new version of the definition, planned as the pipeline's owner. Needs `If-Match` with
    the current `ETag` (428 without, 412 `version_mismatch` when stale).

    Args:
        name (str):
        if_match (str):
        body (DefinitionBody): A pipeline as it is sent: its name (needed to create it; on a
            replace, the path's name if
            given) and its definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: DefinitionBody,
    if_match: str,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Replace a pipeline's definition

     Writes a new version of the definition, planned as the pipeline's owner. Needs `If-Match` with
    the current `ETag` (428 without, 412 `version_mismatch` when stale).

    Args:
        name (str):
        if_match (str):
        body (DefinitionBody): A pipeline as it is sent: its name (needed to create it; on a
            replace, the path's name if
            given) and its definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        name=name,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: DefinitionBody,
    if_match: str,

) -> Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Replace a pipeline's definition

     Writes a new version of the definition, planned as the pipeline's owner. Needs `If-Match` with
    the current `ETag` (428 without, 412 `version_mismatch` when stale).

    Args:
        name (str):
        if_match (str):
        body (DefinitionBody): A pipeline as it is sent: its name (needed to create it; on a
            replace, the path's name if
            given) and its definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        name=name,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: DefinitionBody,
    if_match: str,

) -> BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Replace a pipeline's definition

     Writes a new version of the definition, planned as the pipeline's owner. Needs `If-Match` with
    the current `ETag` (428 without, 412 `version_mismatch` when stale).

    Args:
        name (str):
        if_match (str):
        body (DefinitionBody): A pipeline as it is sent: its name (needed to create it; on a
            replace, the path's name if
            given) and its definition.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ConflictProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PayloadTooLargeProblem | PipelineResponse | PreconditionFailedProblem | PreconditionRequiredProblem | ServiceUnavailableProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        name=name,
client=client,
body=body,
if_match=if_match,

    )).parsed
