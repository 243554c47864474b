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
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.token_request import TokenRequest
from ...models.token_request_form import TokenRequestForm
from ...models.token_response import TokenResponse
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthorized_problem import UnauthorizedProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from typing import cast



def _get_kwargs(
    *,
    body:    TokenRequest  |     TokenRequestForm  | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/token",
    }

    if isinstance(body, TokenRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, TokenRequestForm):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())



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

    if response.status_code == 413:
        response_413 = PayloadTooLargeProblem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeProblem.from_dict(response.json())



        return response_415

    if response.status_code == 429:
        response_429 = TooManyRequestsProblem.from_dict(response.json())



        return response_429

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body:    TokenRequest  |     TokenRequestForm  | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Get an access token

     Exchanges credentials for a bearer token: `grant_type=password` with a user's `username` and
    `password`, or `grant_type=client_credentials` with a service principal's `client_id` and
    `client_secret`, sent as JSON or as a form. Needs no authentication. Wrong credentials give 401
    `invalid_credentials`, and repeated failures 429 with a `Retry-After` header.

    Args:
        body (TokenRequest): Accepted as JSON or as `application/x-www-form-urlencoded` (as OAuth2
            clients send it).
        body (TokenRequestForm): Accepted as JSON or as `application/x-www-form-urlencoded` (as
            OAuth2 clients send it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
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
    client: AuthenticatedClient,
    body:    TokenRequest  |     TokenRequestForm  | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Get an access token

     Exchanges credentials for a bearer token: `grant_type=password` with a user's `username` and
    `password`, or `grant_type=client_credentials` with a service principal's `client_id` and
    `client_secret`, sent as JSON or as a form. Needs no authentication. Wrong credentials give 401
    `invalid_credentials`, and repeated failures 429 with a `Retry-After` header.

    Args:
        body (TokenRequest): Accepted as JSON or as `application/x-www-form-urlencoded` (as OAuth2
            clients send it).
        body (TokenRequestForm): Accepted as JSON or as `application/x-www-form-urlencoded` (as
            OAuth2 clients send it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body:    TokenRequest  |     TokenRequestForm  | Unset = UNSET,

) -> Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]:
    """ Get an access token

     Exchanges credentials for a bearer token: `grant_type=password` with a user's `username` and
    `password`, or `grant_type=client_credentials` with a service principal's `client_id` and
    `client_secret`, sent as JSON or as a form. Needs no authentication. Wrong credentials give 401
    `invalid_credentials`, and repeated failures 429 with a `Retry-After` header.

    Args:
        body (TokenRequest): Accepted as JSON or as `application/x-www-form-urlencoded` (as OAuth2
            clients send it).
        body (TokenRequestForm): Accepted as JSON or as `application/x-www-form-urlencoded` (as
            OAuth2 clients send it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem]
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
    client: AuthenticatedClient,
    body:    TokenRequest  |     TokenRequestForm  | Unset = UNSET,

) -> BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem | None:
    """ Get an access token

     Exchanges credentials for a bearer token: `grant_type=password` with a user's `username` and
    `password`, or `grant_type=client_credentials` with a service principal's `client_id` and
    `client_secret`, sent as JSON or as a form. Needs no authentication. Wrong credentials give 401
    `invalid_credentials`, and repeated failures 429 with a `Retry-After` header.

    Args:
        body (TokenRequest): Accepted as JSON or as `application/x-www-form-urlencoded` (as OAuth2
            clients send it).
        body (TokenRequestForm): Accepted as JSON or as `application/x-www-form-urlencoded` (as
            OAuth2 clients send it).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | ForbiddenProblem | InternalServerErrorProblem | PayloadTooLargeProblem | ServiceUnavailableProblem | TokenResponse | TooManyRequestsProblem | UnauthorizedProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
