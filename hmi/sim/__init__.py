"""The line twin: a digital twin of an electrode and cell line, served like a plant.

    dynamics, psychro      lags, dead time, ramps, noise, PID (bumpless); dew point maths
    plc, station           PackML, reason codes, latched interlocks; the station base class
    models/                coater (+ dryer, web tension), electrode, cell, formation, dry room
    line                   one line of stations stepped together (the line interactions)
    tagmap                 config tags <-> station signals, write checks shared by servers
    opcua_server           asyncua server (namespace urn:lineside:twin = 2, Twin methods)
    modbus_server          pymodbus TCP server, one unit per Modbus connection, one port
    faults, replicate      fault names and CLI syntax; `--lines N` config replication
    twin, cli              LineTwin (start/stop/inject/client_config); `lineside sim`

Import `hmi.sim.twin.LineTwin` for the servers; the models import no network library.
"""
