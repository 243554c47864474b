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
from ...models.search_response import SearchResponse
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    q: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["q"] = q

    params["max_results"] = max_results

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/search",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = SearchResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Search the catalog

     Finds databases, tables and columns matching `q` (words, field filters such as `zone:curated` or
    `tag:key=value`, combined with AND, OR and NOT), with facet counts over the whole result set,
    paged with `max_results` and `page_token`. Hits, totals and facets include only what the caller
    may see, and of a table only the columns it may see.

    Args:
        q (str | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        q=q,
max_results=max_results,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Search the catalog

     Finds databases, tables and columns matching `q` (words, field filters such as `zone:curated` or
    `tag:key=value`, combined with AND, OR and NOT), with facet counts over the whole result set,
    paged with `max_results` and `page_token`. Hits, totals and facets include only what the caller
    may see, and of a table only the columns it may see.

    Args:
        q (str | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,
q=q,
max_results=max_results,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ Search the catalog

     Finds databases, tables and columns matching `q` (words, field filters such as `zone:curated` or
    `tag:key=value`, combined with AND, OR and NOT), with facet counts over the whole result set,
    paged with `max_results` and `page_token`. Hits, totals and facets include only what the caller
    may see, and of a table only the columns it may see.

    Args:
        q (str | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        q=q,
max_results=max_results,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    q: str | Unset = UNSET,
    max_results: int | Unset = UNSET,
    page_token: str | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ Search the catalog

     Finds databases, tables and columns matching `q` (words, field filters such as `zone:curated` or
    `tag:key=value`, combined with AND, OR and NOT), with facet counts over the whole result set,
    paged with `max_results` and `page_token`. Hits, totals and facets include only what the caller
    may see, and of a table only the columns it may see.

    Args:
        q (str | Unset):
        max_results (int | Unset):
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | SearchResponse | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,
q=q,
max_results=max_results,
page_token=page_token,

    )).parsed
