"""Entry point: ``python detect.py scan IN... -o OUT`` (see ``--help``)."""

from pagesieve.cli import main

if __name__ == "__main__":
    main()
