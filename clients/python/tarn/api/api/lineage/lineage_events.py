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
from ...models.lineage_events import LineageEvents
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    max_results: int | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["max_results"] = max_results


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/lineage/events",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = LineageEvents.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Lineage events (OpenLineage)

     The runs of the pipelines the caller may see as OpenLineage RunEvents, for Marquez, DataHub
    and other OpenLineage consumers: each run's START and its COMPLETE, FAIL or ABORT, with the
    tables it reads and writes (namespace `tarn`, names `database.table`), their schemas and the
    column lineage of the outputs. Tables the caller may not see are left out.

    Args:
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        max_results=max_results,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Lineage events (OpenLineage)

     The runs of the pipelines the caller may see as OpenLineage RunEvents, for Marquez, DataHub
    and other OpenLineage consumers: each run's START and its COMPLETE, FAIL or ABORT, with the
    tables it reads and writes (namespace `tarn`, names `database.table`), their schemas and the
    column lineage of the outputs. Tables the caller may not see are left out.

    Args:
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,
max_results=max_results,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Lineage events (OpenLineage)

     The runs of the pipelines the caller may see as OpenLineage RunEvents, for Marquez, DataHub
    and other OpenLineage consumers: each run's START and its COMPLETE, FAIL or ABORT, with the
    tables it reads and writes (namespace `tarn`, names `database.table`), their schemas and the
    column lineage of the outputs. Tables the caller may not see are left out.

    Args:
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        max_results=max_results,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    max_results: int | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Lineage events (OpenLineage)

     The runs of the pipelines the caller may see as OpenLineage RunEvents, for Marquez, DataHub
    and other OpenLineage consumers: each run's START and its COMPLETE, FAIL or ABORT, with the
    tables it reads and writes (namespace `tarn`, names `database.table`), their schemas and the
    column lineage of the outputs. Tables the caller may not see are left out.

    Args:
        max_results (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | LineageEvents | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,
max_results=max_results,

    )).parsed
