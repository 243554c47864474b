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
from ...models.partition_list import PartitionList
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    db: str,
    table: str,
    *,
    filter_: None | str | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_filter_: None | str | Unset
    if isinstance(filter_, Unset):
        json_filter_ = UNSET
    else:
        json_filter_ = filter_
    params["filter"] = json_filter_

    json_max_results: int | None | Unset
    if isinstance(max_results, Unset):
        json_max_results = UNSET
    else:
        json_max_results = max_results
    params["max_results"] = json_max_results

    json_page_token: None | str | Unset
    if isinstance(page_token, Unset):
        json_page_token = UNSET
    else:
        json_page_token = page_token
    params["page_token"] = json_page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/databases/{db}/tables/{table}/partitions".format(db=quote(str(db), safe=""),table=quote(str(table), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = PartitionList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    db: str,
    table: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: None | str | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List a table's partitions

     Returns the table's partitions, optionally narrowed by a `filter` on the partition keys, paged
    with `max_results` and `page_token`. Needs SELECT on the table; a table the caller may not see
    is reported as 404.

    Args:
        db (str):
        table (str):
        filter_ (None | str | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        db=db,
table=table,
filter_=filter_,
max_results=max_results,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    db: str,
    table: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: None | str | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List a table's partitions

     Returns the table's partitions, optionally narrowed by a `filter` on the partition keys, paged
    with `max_results` and `page_token`. Needs SELECT on the table; a table the caller may not see
    is reported as 404.

    Args:
        db (str):
        table (str):
        filter_ (None | str | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        db=db,
table=table,
client=client,
filter_=filter_,
max_results=max_results,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    db: str,
    table: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: None | str | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List a table's partitions

     Returns the table's partitions, optionally narrowed by a `filter` on the partition keys, paged
    with `max_results` and `page_token`. Needs SELECT on the table; a table the caller may not see
    is reported as 404.

    Args:
        db (str):
        table (str):
        filter_ (None | str | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        db=db,
table=table,
filter_=filter_,
max_results=max_results,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    db: str,
    table: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: None | str | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List a table's partitions

     Returns the table's partitions, optionally narrowed by a `filter` on the partition keys, paged
    with `max_results` and `page_token`. Needs SELECT on the table; a table the caller may not see
    is reported as 404.

    Args:
        db (str):
        table (str):
        filter_ (None | str | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | NotFoundProblem | PartitionList | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        db=db,
table=table,
client=client,
filter_=filter_,
max_results=max_results,
page_token=page_token,

    )).parsed
