#!/bin/sh
# `invthink` inside the image: the same JVM flags as the launcher script, plus the user's.
exec java -XX:+UseG1GC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \
  -DDJL_OFFLINE="${DJL_OFFLINE:-true}" ${INVTHINK_JAVA_OPTS:-} \
  -jar /opt/invthink/invthink.jar "$@"
