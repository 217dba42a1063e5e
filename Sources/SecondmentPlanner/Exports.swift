@_exported import DeploymentFormulation
@_exported import GAPBenchmark
@_exported import GLPKBackend
@_exported import GreedySolver
@_exported import MIPModel
@_exported import SecondmentDomain
