"""Evaluation: ROUGE with a Vietnamese-safe tokenizer (`evaluate.rouge`), benchmark readers
(`evaluate.datasets`), baselines (`evaluate.baselines`), the systems `tomtat eval` knows
(`evaluate.systems`), the eval runner (`evaluate.run`) and its tables (`evaluate.tables`).

Nothing is imported here: rouge-score loads nltk (~0.2 s), which only `tomtat eval`
and training should pay for, not every `tomtat` command that lists eval's systems.
"""
