"""Drives wellscan's MCP server with the Python MCP SDK (`mcp` from PyPI, pinned in
xtask/python/tests.lock), as an assistant's client would: initialize, list the tools, call each
tool of the plan in turn.

Usage: python mcp_client.py PLAN.json, where the plan is
  {"stdio": {"command": "...", "args": [...], "env": {...}, "cwd": "..."}}
  or {"http": {"url": "http://127.0.0.1:PORT/mcp", "token": "wsk_..."}},
  and "calls": [{"tool": "findings", "arguments": {...}}, ...]; a call with "until": TEXT is
  repeated (every 0.2 s, for at most "within" seconds, 300 unless said) until its result holds TEXT.
Prints one JSON object on stdout: the server's initialize result, its tools and each call's
result, every one as the wire has it (camelCase).
"""

import asyncio
import json
import sys
import time

import httpx2
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client


def wire(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


async def drive(read, write, calls):
    async with ClientSession(read, write) as session:
        init = await session.initialize()
        tools = await session.list_tools()
        results = []
        for call in calls:
            deadline = time.monotonic() + call.get("within", 300)
            while True:
                result = wire(await session.call_tool(call["tool"], call.get("arguments") or {}))
                until = call.get("until")
                if not until or until in json.dumps(result) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            results.append(result)
        return {
            "initialize": wire(init),
            "tools": [wire(t) for t in tools.tools],
            "results": results,
        }


async def main(plan):
    calls = plan.get("calls", [])
    if "stdio" in plan:
        s = plan["stdio"]
        params = StdioServerParameters(
            command=s["command"], args=s.get("args", []), env=s.get("env"), cwd=s.get("cwd")
        )
        async with stdio_client(params) as (read, write):
            return await drive(read, write, calls)
    h = plan["http"]
    headers = {"Authorization": f"Bearer {h['token']}"} if h.get("token") else {}
    async with httpx2.AsyncClient(headers=headers, timeout=60) as client:
        async with streamable_http_client(h["url"], http_client=client) as streams:
            return await drive(streams[0], streams[1], calls)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)
    print(json.dumps(asyncio.run(main(plan)), ensure_ascii=False))
