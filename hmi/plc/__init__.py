"""PLC access: the only package that touches asyncua and pymodbus (besides hmi.sim).

service.PlcService       the one object the application uses: start/stop, read, write with
                         read-back (WriteResult), connection health (ConnectionHealth)
access                   PlcAccess (the API both services offer) and WriteResult
process_service          PlcProcessService: the same API, served by a PLC process of its own
link_child, link_wire    that PLC process (PlcService + TagStore) and its pipe messages
supervisor               one ConnectionSupervisor per connection: keep-alive, loss, rebuild
driver                   the PlcDriver protocol and what both drivers share
opcua, opcua_values      OpcUaDriver: one batched subscription, batched reads and writes;
                         values judged against the tag's data type and the PLC's clock
modbus, modbus_plan      ModbusDriver: poll groups of merged block reads, codec'd writes
modbus_wire              what was wrong with a Modbus answer (exception codes at the
                         manual's address, wrong transaction ids, cut-short frames)
codecs                   Modbus register types, word order, scaling (shared with the twin)
values                   write checks before sending, read-back comparison after
browse, scan             commissioning helpers for the CLI (OPC UA browse, Modbus scan)

Importing this package imports neither client library; import the module you need.
"""
