"""The relevance benchmark: information needs, graded judgments, and the measures over them."""
