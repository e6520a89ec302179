"""``python -m pipeline.replay ROOT [--port N]``: serve a corpus; prints the base URL first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.replay.server import serve, url_of


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.replay", description=__doc__)
    parser.add_argument("root", type=Path, help="corpus folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args()
    if not args.root.is_dir():
        parser.error(f"corpus folder not found: {args.root}")
    server = serve(args.root, args.host, args.port)
    print(url_of(server), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
