"""The course's rules: the Policy model, its defaults, letters, reading and saving.

``model`` (the :class:`Policy` and the syllabus's fixed names: components, rubric
sheets, lecture roles), ``defaults`` (the documented ``policy.toml``), ``letters`` (the
one letter rule), ``read`` and ``reader`` (reading and checking ``policy.toml``) and
``save`` (writing a changed policy back, comments kept).
"""
