"""Start the Article Q&A app: chat UI at / and the HTTP API at /api (docs at /docs).

    python app.py [--store DIR] [--port 7860] [--ingest PATH ...]
"""

import sys

from qa.server import main

if __name__ == "__main__":
    sys.exit(main())
