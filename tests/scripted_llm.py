"""A scripted stand-in for the language model, and an OpenAI-compatible HTTP server that
serves it, for tests of the pipeline's run logic (a real worker process reaches the model
only over HTTP). The real model is tested in test_llm_client.py and the prompt tests."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pipeline.generation.llm import ChatRequest, ChatResult

REASONS = [
    "it keeps food warm",
    "the handle stays cool",
    "guests are coming over",
    "the old one broke",
    "it fits a small kitchen",
    "cleanup takes minutes",
    "it makes a thoughtful gift",
    "weekend camping trips need it",
    "the reviews praise its durability",
    "it saves counter space",
    "it is dishwasher safe",
    "bread bakes evenly in it",
]
STEPS = [
    "pick a date and time",
    "buy groceries and drinks",
    "clean the living room",
    "borrow extra folding chairs",
    "cook the main dish",
    "set the table",
    "welcome the guests",
]


class ScriptedClient:
    """Answers each stage's prompt with a well-formed answer derived from the request, so the
    same request always gets the same answer. ``bad`` makes chosen stages answer junk;
    ``fail_after`` makes the client die like a killed worker after that many calls."""

    model_name = "scripted-test-model"

    def __init__(self, bad=(), fail_after=None):
        self.calls = 0
        self.bad = set(bad)
        self.fail_after = fail_after
        self.lock = threading.Lock()

    def chat(self, request):
        with self.lock:
            self.calls += 1
            if self.fail_after is not None and self.calls > self.fail_after:
                raise KeyboardInterrupt("simulated crash")
        system = request.messages[0][1].lower()
        user = request.messages[-1][1]
        stage = _stage_of(system)
        salt = sum(map(ord, user)) + request.seed
        if stage in self.bad:
            text = "sorry " * 50
        elif stage == "intentions":
            start = salt % 3
            text = "\n".join(
                f"{n}. PersonX wants to buy this because {REASONS[start + n - 1]}"
                for n in range(1, 11)
            )
        elif stage == "objectives":
            text = f"host a dinner party for {salt % 90 + 10} friends"
        elif stage == "scripts":
            text = "\n".join(f"{n}. {step}" for n, step in enumerate(STEPS[:5], start=1))
        else:
            buy = any(word in user.lower() for word in ("buy groceries", "borrow extra"))
            text = "Purchase: yes\nKeywords: snacks, folding chairs" if buy else "Purchase: no"
        return ChatResult(
            text=text,
            model=self.model_name,
            tokens_in=len(user.split()),
            tokens_out=len(text.split()),
            seconds=0.0,
            attempts=1,
        )


def _stage_of(system: str) -> str:
    if "purchase intentions" in system:
        return "intentions"
    if "requires a purchase" in system:
        return "needs"
    if "reviews" in system:
        return "objectives"
    return "scripts"


class ScriptedOpenAIServer(ThreadingHTTPServer):
    """``POST /v1/chat/completions`` answered by a ScriptedClient, each after ``delay`` s."""

    daemon_threads = True

    def __init__(self, delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), _ScriptedHandler)
        self.client = ScriptedClient()
        self.delay = delay
        self.requests = 0
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class _ScriptedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._send(
            {"object": "list", "data": [{"id": ScriptedClient.model_name, "object": "model"}]}
        )

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests += 1
        time.sleep(self.server.delay)
        request = ChatRequest(
            messages=tuple((m["role"], m["content"]) for m in body["messages"]),
            max_tokens=body.get("max_tokens", 100),
            seed=body.get("seed", 0),
        )
        result = self.server.client.chat(request)
        self._send(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": result.text},
                    }
                ],
                "usage": {
                    "prompt_tokens": result.tokens_in,
                    "completion_tokens": result.tokens_out,
                    "total_tokens": result.tokens_in + result.tokens_out,
                },
            }
        )
