CREATE VIEW [Sales].[vOrderTotals]
AS
SELECT o.[OrderId], o.[CustomerId], SUM(l.[Quantity] * l.[UnitPrice]) AS [Total]
FROM [dbo].[Orders] AS o
JOIN [Sales].[OrderLines] AS l ON l.[OrderId] = o.[OrderId]
GROUP BY o.[OrderId], o.[CustomerId];
GO
