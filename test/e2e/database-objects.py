"""Loads a rendered config.yaml through LiteLLM's own ProxyConfig.load_config (as the proxy does at
start), then asks LiteLLM's own should_load_db_object, for every object type it knows, whether it
would load that type from the database, and what store_model_in_db resolved to. Prints one JSON line.

Usage: python database-objects.py <config.yaml>
"""
import asyncio
import json
import sys

from litellm.proxy import proxy_server
from litellm.proxy._types import SupportedDBObjectType
from litellm.proxy.proxy_server import ProxyConfig, should_load_db_object


async def main():
    await ProxyConfig().load_config(router=None, config_file_path=sys.argv[1])
    result = {
        "loads": {kind.value: should_load_db_object(kind) for kind in SupportedDBObjectType},
        "store_model_in_db": proxy_server.general_settings.get("store_model_in_db"),
    }
    print("RESULT " + json.dumps(result))


asyncio.run(main())
