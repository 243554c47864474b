from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.audit_decision import AuditDecision
from ...models.audit_list import AuditList
from ...models.bad_request_problem import BadRequestProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.internal_server_error_problem import InternalServerErrorProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    principal: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    decision: AuditDecision | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_principal: None | str | Unset
    if isinstance(principal, Unset):
        json_principal = UNSET
    else:
        json_principal = principal
    params["principal"] = json_principal

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_decision: None | str | Unset
    if isinstance(decision, Unset):
        json_decision = UNSET
    elif isinstance(decision, AuditDecision):
        json_decision = decision.value
    else:
        json_decision = decision
    params["decision"] = json_decision

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

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

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    if response.status_code == 200:
        response_200 = AuditList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
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
    action: None | str | Unset = UNSET,
    decision: AuditDecision | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,

) -> Response[AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List audit records

     Returns audit records oldest first, filtered by `principal`, `action`, `decision`, `since` and
    `until`, and paged with `max_results` and `page_token`; every request answered before this one
    is included. Needs the audit.read permission (roles lake_admin, read_only_admin and auditor).
    With `format=jsonl` every matching record is exported at once as JSON lines instead, which needs
    audit.export (lake_admin or auditor).

    Args:
        principal (None | str | Unset):
        action (None | str | Unset):
        decision (AuditDecision | None | Unset):
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):
        format_ (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        principal=principal,
action=action,
decision=decision,
since=since,
until=until,
max_results=max_results,
page_token=page_token,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    decision: AuditDecision | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,

) -> AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List audit records

     Returns audit records oldest first, filtered by `principal`, `action`, `decision`, `since` and
    `until`, and paged with `max_results` and `page_token`; every request answered before this one
    is included. Needs the audit.read permission (roles lake_admin, read_only_admin and auditor).
    With `format=jsonl` every matching record is exported at once as JSON lines instead, which needs
    audit.export (lake_admin or auditor).

    Args:
        principal (None | str | Unset):
        action (None | str | Unset):
        decision (AuditDecision | None | Unset):
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):
        format_ (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return sync_detailed(
        client=client,
principal=principal,
action=action,
decision=decision,
since=since,
until=until,
max_results=max_results,
page_token=page_token,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    decision: AuditDecision | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,

) -> Response[AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem]:
    """ List audit records

     Returns audit records oldest first, filtered by `principal`, `action`, `decision`, `since` and
    `until`, and paged with `max_results` and `page_token`; every request answered before this one
    is included. Needs the audit.read permission (roles lake_admin, read_only_admin and auditor).
    With `format=jsonl` every matching record is exported at once as JSON lines instead, which needs
    audit.export (lake_admin or auditor).

    Args:
        principal (None | str | Unset):
        action (None | str | Unset):
        decision (AuditDecision | None | Unset):
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):
        format_ (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem]
     """


    kwargs = _get_kwargs(
        principal=principal,
action=action,
decision=decision,
since=since,
until=until,
max_results=max_results,
page_token=page_token,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    principal: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    decision: AuditDecision | None | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    max_results: int | None | Unset = UNSET,
    page_token: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,

) -> AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem | None:
    """ List audit records

     Returns audit records oldest first, filtered by `principal`, `action`, `decision`, `since` and
    `until`, and paged with `max_results` and `page_token`; every request answered before this one
    is included. Needs the audit.read permission (roles lake_admin, read_only_admin and auditor).
    With `format=jsonl` every matching record is exported at once as JSON lines instead, which needs
    audit.export (lake_admin or auditor).

    Args:
        principal (None | str | Unset):
        action (None | str | Unset):
        decision (AuditDecision | None | Unset):
        since (datetime.datetime | None | Unset):
        until (datetime.datetime | None | Unset):
        max_results (int | None | Unset):
        page_token (None | str | Unset):
        format_ (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditList | BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | ServiceUnavailableProblem | UnauthorizedProblem
     """


    return (await asyncio_detailed(
        client=client,
principal=principal,
action=action,
decision=decision,
since=since,
until=until,
max_results=max_results,
page_token=page_token,
format_=format_,

    )).parsed
