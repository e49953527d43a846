"""RW501 (vague-wording) families: paraphrases each family must catch, precise instructions
none may catch, in English and French."""

from __future__ import annotations

import pytest
from tests.lint_rules.helpers import run_rule

from runwright.linter.rules.vague_wording import FAMILIES

PARAPHRASES: dict[str, list[str]] = {
    "all-fine": [
        "Make sure everything looks fine.",
        "Make sure everything is fine.",
        "Ensure all is good before you continue.",
        "Verify that everything seems OK.",
        "Check that everything appears normal.",
        "Double-check everything.",
        "Everything should be fine now.",
        "Confirm things look good.",
        "Vérifier que tout va bien.",
        "Vérifiez que tout a l'air normal.",
        "Assurez-vous que tout est OK.",
        "S’assurer que tout fonctionne correctement.",
        "Contrôler que tout semble bon.",
    ],
    "it-works": [
        "Check that it works.",
        "Test that this still works.",
        "Verify it's working.",
        "Make sure it is running.",
        "See whether it works.",
        "Vérifier que ça marche.",
        "Testez si cela fonctionne.",
        "Vérifiez que c'est OK.",
        "Contrôlez que ça tourne.",
    ],
    "as-usual": [
        "Deploy as usual.",
        "Restart the workers as always.",
        "Roll back the usual way.",
        "Follow the usual procedure.",
        "Do it like last time.",
        "Déployer comme d’habitude.",
        "Redémarrer comme toujours.",
        "Suivre la procédure habituelle.",
        "Faire comme la dernière fois.",
        "Relancer comme d'hab.",
    ],
    "if-needed": [
        "Restart the workers if needed.",
        "Scale the deployment as necessary.",
        "Clear the cache when required.",
        "Add nodes where appropriate.",
        "Rotate the keys if it is necessary.",
        "Relancer le service si besoin.",
        "Vider le cache au besoin.",
        "Ajouter un nœud si nécessaire.",
        "Le cas échéant, purger la file.",
        "Redémarrer en cas de besoin.",
    ],
    "wait-a-bit": [
        "Wait a bit.",
        "Wait a few minutes, then retry.",
        "Wait for a while.",
        "Give it some time.",
        "Pause for a moment before the next step.",
        "Attendre un peu.",
        "Attendez quelques minutes.",
        "Patientez un instant.",
        "Laisser passer quelques minutes.",
    ],
    "and-so-on": [
        "Restart the API, the workers, etc.",
        "Check the logs, metrics and so on.",
        "Clear the cache or something like that.",
        "Look at the disks, the network and so forth.",
        "Purge the queues, etc",
        "Redémarrer l'API, les workers, etc.",
        "Vérifier les journaux et ainsi de suite.",
        "Relancer le cache ou quelque chose du genre.",
        "Purger les files, ce genre de choses.",
        "Vider les caches, et cetera.",
    ],
    "hand-waving": [
        "Somehow get the pod back.",
        "Do the needful.",
        "Just restart it.",
        "Do whatever works.",
        "Just reboot it.",
        "Faire le nécessaire.",
        "Normalement ça passe.",
        "Relancer d'une manière ou d'une autre.",
        "Compter à peu près dix minutes.",
        "Réparer tant bien que mal.",
    ],
}

PRECISE = [
    "Check that /health answers 200.",
    "Check that all pods are Running in `kubectl get pods`.",
    "Make sure every node is Ready.",
    "Verify that the certificate expires in more than 30 days.",
    "Wait 30 seconds, then run step 4.",
    "Wait a few minutes until the pod is Running.",
    "Check that it works with the new key: `curl -fsS https://api/health` answers 200.",
    "Scale the deployment as required by the capacity plan.",
    "Restart the workers when the queue is above 1,000.",
    "Edit /etc/hosts and add the entry.",
    "Everything in the list below must be done in order.",
    "Delete all pods in the namespace.",
    "Vérifier que le endpoint /health répond 200.",
    "Vérifier que tous les pods sont Running.",
    "Attendre 30 secondes puis relancer l'étape 4.",
    "Attendre quelques minutes que le pod démarre.",
    "Supprimer tout le cache du nœud.",
    "Relancer le service quand la file dépasse 1 000 messages.",
    "Check the disk usage: it must stay below 80%.",
    "Confirm the rollout finished: `kubectl rollout status deploy/api` prints success.",
]


def _families(sentence: str) -> list[str]:
    findings = run_rule("RW501", f"# Runbook: X\n\n## Procedure\n\n{sentence}\n")
    return [f.message.split("(")[1].split(")")[0] for f in findings if "(" in f.message]


def test_every_family_has_paraphrases() -> None:
    assert set(PARAPHRASES) == set(FAMILIES)
    assert all(len(v) >= 5 for v in PARAPHRASES.values())


@pytest.mark.parametrize(("family", "sentence"),
                         [(f, s) for f, ss in PARAPHRASES.items() for s in ss])
def test_paraphrase_is_caught_by_its_family(family: str, sentence: str) -> None:
    assert family in _families(sentence)


@pytest.mark.parametrize("sentence", PRECISE)
def test_precise_instruction_is_not_reported(sentence: str) -> None:
    assert run_rule("RW501", f"# Runbook: X\n\n## Procedure\n\n{sentence}\n") == []


def test_column_and_text_of_a_paraphrase() -> None:
    [f] = run_rule("RW501", "# Runbook: X\n\n## Procédure\n\nDéployer, puis vérifiez que "
                            "tout a l’air normal.\n")
    assert (f.line, f.column) == (5, 16)
    assert "'vérifiez que tout a l’air normal' (all-fine)" in f.message


def test_families_option_selects_families() -> None:
    text = "# Runbook: X\n\n## Procedure\n\nDeploy as usual, restart if needed.\n"
    found = run_rule("RW501", text, options={"families": ["if-needed"]})
    assert ["if-needed" in f.message for f in found] == [True]


def test_exact_phrases_add_to_the_families_once() -> None:
    text = "# Runbook: X\n\n## Procedure\n\nRestart if needed, quickly.\n"
    found = run_rule("RW501", text, options={"extra": ["if needed", "quickly"]})
    assert [f.column for f in found] == [9, 20]


def test_a_check_on_named_things_is_not_it_works() -> None:
    # inline code is blanked: "Verify that running ``virt-controller`` pods are available"
    text = "# X\n\n## Diagnosis\n\n1. Verify that running `virt-controller` pods are up:\n"
    assert run_rule("RW501", text) == []
