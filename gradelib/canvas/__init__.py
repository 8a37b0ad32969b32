"""The Canvas round trip: the gradebook export read, the import file written and checked."""
