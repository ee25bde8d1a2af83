"""The learner's dashboard: what to do next, time studied per day, and per course the completion
of each module, the quiz scores and the exam attempts with their state."""
