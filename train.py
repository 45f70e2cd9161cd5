"""Entry point: ``python train.py`` rebuilds ``model/`` from ``../shared/corpora`` (see ``--help``)."""

from pagesieve.numerics import run_pinned

if __name__ == "__main__":
    run_pinned()  # the same seed gives the same model on any x86-64 machine
    from pagesieve.commands.train import train_command

    train_command()
