"""Loads each rendered config.yaml given through LiteLLM's own ProxyConfig.load_config (the function the
proxy runs at start, and `litellm --validate_config` runs), all in this one process, and prints one JSON
line: per config, the model names of the router it built, or the error it raised.

Usage: python rendered-config-loads.py '<[{"path": "config.yaml", "env": {"NAME": "value"}}, ...]>'
Each config is loaded with exactly its own variables set (LiteLLM also reads some, such as REDIS_HOST,
without being told to), on top of the process's environment.
"""
import asyncio
import json
import os
import sys
import time

from litellm.proxy.proxy_server import ProxyConfig


async def load(path, env):
    os.environ.update(env)
    started = time.monotonic()
    try:
        router, model_list, _ = await ProxyConfig().load_config(router=None, config_file_path=path)
    except Exception as error:  # reported, not raised: one bad config must not hide the others
        return {"path": path, "error": f"{type(error).__name__}: {error}"}
    finally:
        for name in env:
            os.environ.pop(name, None)
    return {
        "path": path,
        "seconds": round(time.monotonic() - started, 2),
        "models": sorted({entry["model_name"] for entry in model_list}),
        "router_models": sorted(set(router.model_names)),
    }


async def main():
    results = [await load(config["path"], config["env"]) for config in json.loads(sys.argv[1])]
    print("RESULT " + json.dumps(results))


asyncio.run(main())
