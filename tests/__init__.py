"""Tests of the course: library, notebooks, book and browser."""
