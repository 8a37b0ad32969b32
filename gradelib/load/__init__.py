"""Reading and checking a course folder."""
