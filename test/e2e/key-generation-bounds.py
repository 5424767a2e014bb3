"""Loads a rendered config.yaml through LiteLLM's own ProxyConfig.load_config (the function the proxy
runs at start), then runs LiteLLM's own bound check for /key/generate on each request given, and
prints one JSON line: what load_config set and, per request, HTTP 400 with LiteLLM's detail or the
fields as LiteLLM filled them.

Usage: python key-generation-bounds.py <config.yaml> '<{"name": {generate request fields}, ...}>'
"""
import asyncio
import json
import sys

from fastapi import HTTPException

import litellm
from litellm.proxy._types import GenerateKeyRequest
from litellm.proxy.management_endpoints.key_management_endpoints import _enforce_upperbound_key_params
from litellm.proxy.proxy_server import ProxyConfig

FILLED = ["max_budget", "budget_duration", "duration", "rpm_limit", "tpm_limit"]


def attempt(fields):
    request = GenerateKeyRequest(**fields)
    try:
        # As _common_key_generation_helper calls it for /key/generate.
        _enforce_upperbound_key_params(request, fill_defaults=True)
    except HTTPException as error:
        return {"status": error.status_code, "detail": error.detail}
    return {"status": "accepted", "filled": {name: getattr(request, name) for name in FILLED}}


async def main():
    await ProxyConfig().load_config(router=None, config_file_path=sys.argv[1])
    bound = litellm.upperbound_key_generate_params
    result = {
        "upperbound": None if bound is None else bound.model_dump(exclude_none=True),
        "defaults": litellm.default_key_generate_params,
        "cases": {name: attempt(fields) for name, fields in json.loads(sys.argv[2]).items()},
    }
    print("RESULT " + json.dumps(result))


asyncio.run(main())
