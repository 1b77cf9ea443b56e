"""Entry point of the frozen build: the same `lineside` command as the console script."""

from hmi.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
