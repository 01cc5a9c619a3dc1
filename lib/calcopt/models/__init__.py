"""Machine-learning models the course trains: linear least squares and logistic regression."""
