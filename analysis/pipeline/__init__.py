"""The build: corpus files in, tables out, in shards run in-process or on a Dask cluster.

`build` (analysis.pipeline.build) plans and runs the shards (`shard`, `engine`), then the table
step on their columns (`gather`); `BuildRunning` is raised when the folder is being built.
"""

from analysis.pipeline.build import BuildReport, Progress, build
from analysis.store.lock import BuildRunning

__all__ = ["BuildReport", "BuildRunning", "Progress", "build"]
