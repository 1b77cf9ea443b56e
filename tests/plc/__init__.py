"""Driver, supervisor and PlcService tests over real loopback sockets."""
