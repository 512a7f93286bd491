"""Tone: sentences and mention spans in, scores in [-1, 1] out.

Whole-sentence VADER (`sentence`), the targeted model toward one mention (`target`, its ONNX files in
`models/target_tone/`), and the `python -m analysis tone` command (`cli`).
"""
