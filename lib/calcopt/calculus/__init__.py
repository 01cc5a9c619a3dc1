"""Calculus on objectives: numerical derivatives and their accuracy, directions, quadratic
models and the second-order test, stationary points and extrema.

- :mod:`.diff`: derivatives, partials, directional derivatives, gradients, Jacobians, Hessians
  by finite differences and the complex step;
- :mod:`.accuracy`: their error against the step h;
- :mod:`.directions`: steepest directions, level-curve tangents, directional profiles;
- :mod:`.second_order`: quadratic models and the derivative test along lines;
- :mod:`.equations`: every real solution of a system of equations in a box (exact for
  polynomials);
- :mod:`.extrema`: stationary points and their classification, extrema on an interval.
"""
