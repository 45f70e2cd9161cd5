"""Entry point: ``python train.py`` rebuilds ``model/`` from ``../shared/corpora`` (see ``--help``)."""

from pagesieve.commands.train import train_command

if __name__ == "__main__":
    train_command()
