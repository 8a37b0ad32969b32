"""The papers of the synthetic course: ``lectures.csv``, a real GenAI-systems title per
paper lecture.

The sample's paper lectures take, in date order, the next title of their syllabus topic
(:data:`PAPERS`); a scaled course (``paper_lectures``) gets that many paper lectures on
consecutive weekdays from the first day of term, the titles in the order of
:data:`PAPERS` (again with ``(part 2)``, ``(part 3)``, ... once every title is used).
Nothing here is random.
"""

from __future__ import annotations

from datetime import date, timedelta

from gradelib.sample.calendar import LECTURE, Session

LECTURES_HEADER = ("date", "kind", "topic", "paper")
#: The first day of the F'24 term (a Monday): scaled calendars start here.
TERM_START = date(2024, 8, 26)

#: Syllabus topic -> real paper titles, in the order they are taken.
PAPERS: dict[str, tuple[str, ...]] = {
    "GenAI Basics": (
        "Attention Is All You Need",
        "Language Models are Few-Shot Learners",
        "Scaling Laws for Neural Language Models",
        "Training Compute-Optimal Large Language Models",
        "Switch Transformers: Scaling to Trillion Parameter Models with Simple and Efficient "
        "Sparsity",
    ),
    "Pre-Training": (
        "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism",
        "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
        "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
        "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM",
        "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
        "PipeDream: Generalized Pipeline Parallelism for DNN Training",
        "Alpa: Automating Inter- and Intra-Operator Parallelism for Distributed Deep Learning",
        "PyTorch FSDP: Experiences on Scaling Fully Sharded Data Parallel",
        "Reducing Activation Recomputation in Large Transformer Models",
        "Oobleck: Resilient Distributed Training of Large Models Using Pipeline Templates",
        "Gemini: Fast Failure Recovery in Distributed Training with In-Memory Checkpoints",
        "Bamboo: Making Preemptible Instances Resilient for Affordable Training of Large DNNs",
        "Varuna: Scalable, Low-cost Training of Massive Deep Learning Models",
        "MegaBlocks: Efficient Sparse Training with Mixture-of-Experts",
        "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning",
        "Ring Attention with Blockwise Transformers for Near-Infinite Context",
        "GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding",
    ),
    "Post-Training": (
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "QLoRA: Efficient Finetuning of Quantized LLMs",
        "Training language models to follow instructions with human feedback",
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
        "Constitutional AI: Harmlessness from AI Feedback",
        "Scaling Instruction-Finetuned Language Models",
    ),
    "Inference": (
        "Orca: A Distributed Serving System for Transformer-Based Generative Models",
        "Efficient Memory Management for Large Language Model Serving with PagedAttention",
        "DistServe: Disaggregating Prefill and Decoding for Goodput-optimized Large Language "
        "Model Serving",
        "Splitwise: Efficient Generative LLM Inference Using Phase Splitting",
        "SGLang: Efficient Execution of Structured Language Model Programs",
        "Fast Inference from Transformers via Speculative Decoding",
        "FlexGen: High-Throughput Generative Inference of Large Language Models with a Single GPU",
        "S-LoRA: Serving Thousands of Concurrent LoRA Adapters",
        "Taming Throughput-Latency Tradeoff in LLM Inference with Sarathi-Serve",
        "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving",
        "Llumnix: Dynamic Scheduling for Large Language Model Serving",
        "Mooncake: A KVCache-centric Disaggregated Architecture for LLM Serving",
        "Andes: Defining and Enhancing Quality-of-Experience in LLM-Based Text Streaming Services",
        "Fairness in Serving Large Language Models",
        "SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative "
        "Inference and Verification",
        "Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads",
        "LLM in a flash: Efficient Large Language Model Inference with Limited Memory",
        "PowerInfer: Fast Large Language Model Serving with a Consumer-grade GPU",
        "DeepSpeed-Inference: Enabling Efficient Inference of Transformer Models at "
        "Unprecedented Scale",
        "Efficiently Scaling Transformer Inference",
        "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers",
        "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration",
        "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models",
    ),
    "Grounding": (
        "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks",
        "Toolformer: Language Models Can Teach Themselves to Use Tools",
        "ReAct: Synergizing Reasoning and Acting in Language Models",
    ),
    "Power, Energy, and Carbon Emissions": (
        "Zeus: Understanding and Optimizing GPU Energy Consumption of DNN Training",
        "Carbon Emissions and Large Neural Network Training",
        "Perseus: Removing Energy Bloat from Large Model Training",
        "Energy and Policy Considerations for Deep Learning in NLP",
    ),
    "GenAI for Systems": (
        "Large Language Models for Compiler Optimization",
        "Can Large Language Models Write Parallel Code?",
    ),
    "Ethical Considerations": (
        "On the Dangers of Stochastic Parrots: Can Language Models Be Too Big?",
        "Holistic Evaluation of Language Models",
    ),
}


def sample_lectures(schedule: list[Session]) -> list[list[str]]:
    """The rows of ``lectures.csv`` for the sample calendar (without header).

    Parameters
    ----------
    schedule : list of Session
        The class dates (:func:`gradelib.sample.calendar.build_schedule`).

    Returns
    -------
    list of list of str
        ``date``, ``kind``, ``topic``, ``paper`` for every date; ``paper`` is the next
        unused title of the topic on a paper lecture, blank on the other dates.

    Raises
    ------
    ValueError
        If a topic has more paper lectures than :data:`PAPERS` has titles for it.
    """
    taken: dict[str, int] = {}
    rows = []
    for session in schedule:
        paper = ""
        if session.is_paper:
            titles = PAPERS.get(session.topic, ())
            used = taken.get(session.topic, 0)
            if used >= len(titles):
                raise ValueError(f"no paper title left for topic {session.topic!r}")
            paper, taken[session.topic] = titles[used], used + 1
        rows.append([session.day.isoformat(), session.kind, session.topic, paper])
    return rows


def weekdays(start: date, count: int) -> list[date]:
    """The first ``count`` weekdays (Monday to Friday) from ``start`` on."""
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def scaled_lectures(paper_lectures: int) -> list[list[str]]:
    """The rows of ``lectures.csv`` for a course of ``paper_lectures`` paper lectures.

    Parameters
    ----------
    paper_lectures : int
        How many (at least 1): one a weekday from :data:`TERM_START` on.

    Returns
    -------
    list of list of str
        ``date``, ``lecture``, topic, title: the titles of :data:`PAPERS` in order, with
        ``(part 2)`` and so on appended once all are used.
    """
    if paper_lectures < 1:
        raise ValueError("at least one paper lecture is needed")
    pool = [(topic, title) for topic, titles in PAPERS.items() for title in titles]
    rows = []
    for i, day in enumerate(weekdays(TERM_START, paper_lectures)):
        topic, title = pool[i % len(pool)]
        if i >= len(pool):
            title = f"{title} (part {i // len(pool) + 1})"
        rows.append([day.isoformat(), LECTURE, topic, title])
    return rows
