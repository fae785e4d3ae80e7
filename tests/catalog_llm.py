"""A scripted language model whose answers follow the catalogue, for alignment tests.

ScriptedClient (tests/scripted_llm.py) answers every product alike, which says nothing about
whether the alignment finds the right products. This one writes intentions from the product's
own title and feature words, objectives and scripts that mention the products reviewed, and
marks "buy ..." steps as needing a purchase with the bought thing as keyword. The embedding
model that scores them is the real one.
"""

import re
import threading

from pipeline.generation.llm import ChatResult

REASONS = [
    "they need a good {a} for the kitchen",
    "their old {a} finally wore out",
    "they want a {a} that has {b}",
    "a friend recommended this {a}",
    "they are cooking more at home and want {b}",
    "they want to give a {a} as a gift",
    "they care about {b} in everyday use",
    "they read that this {a} is reliable",
    "they are moving and need a new {a}",
    "they want {b} without spending too much",
]
STOP = {"with", "and", "for", "the", "inch", "pack", "set", "of", "in", "to", "a", "x"}


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2]


class CatalogAwareClient:
    model_name = "catalog-test-model"

    def __init__(self):
        self.calls = 0
        self.lock = threading.Lock()

    def chat(self, request):
        with self.lock:
            self.calls += 1
        system = request.messages[0][1].lower()
        user = request.messages[-1][1]
        if "purchase intentions" in system:
            text = self._intentions(user)
        elif "requires a purchase" in system:
            step = re.search(r"Step: (.*)", user).group(1)
            match = re.match(r"buy (?:an? |some )?(.*)", step.lower())
            text = f"Purchase: yes\nKeywords: {match.group(1)}" if match else "Purchase: no"
        elif "reviews" in system:
            title = re.search(r"Product: (.*)", user).group(1)
            noun = " ".join(_words(title)[-2:])
            text = f"cook a family dinner using a {noun}"
        else:
            goal = re.search(r"Goal: (.*)", user).group(1)
            noun = goal.split(" using a ")[-1]
            text = "\n".join(
                [
                    "1. Plan the menu for the evening",
                    f"2. Buy a {noun}",
                    "3. Invite the family over",
                    "4. Cook the main dish",
                    "5. Set the table and serve",
                ]
            )
        return ChatResult(
            text=text,
            model=self.model_name,
            tokens_in=len(user.split()),
            tokens_out=len(text.split()),
            seconds=0.0,
            attempts=1,
        )

    def _intentions(self, user: str) -> str:
        title = re.search(r"Product: (.*)", user).group(1)
        features = re.findall(r"^- (.*)$", user, flags=re.M)
        title_words = _words(title)
        noun = " ".join(title_words[-2:]) if len(title_words) >= 2 else "product"
        feature_words = _words(" ".join(features)) or ["quality"]
        lines = []
        for n, template in enumerate(REASONS):
            b = " ".join(feature_words[(2 * n) % len(feature_words) :][:2])
            lines.append(
                f"{n + 1}. PersonX wants to buy this because " + template.format(a=noun, b=b)
            )
        return "\n".join(lines)
