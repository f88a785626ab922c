CREATE TABLE [dbo].[Orders]
(
    [OrderId]     INT           IDENTITY (1, 1) NOT NULL,
    [CustomerId]  INT           NOT NULL,
    [OrderedAt]   DATETIME2 (3) NOT NULL,
    [Status]      TINYINT       NOT NULL CONSTRAINT [CK_Orders_Status] CHECK ([Status] BETWEEN 0 AND 4),
    CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderId]),
    CONSTRAINT [FK_Orders_Customers] FOREIGN KEY ([CustomerId]) REFERENCES [dbo].[Customers] ([CustomerId])
);
GO
CREATE TABLE [Sales].[OrderLines]
(
    [OrderId]    INT            NOT NULL,
    [LineNumber] SMALLINT       NOT NULL,
    [Sku]        VARCHAR (40)   NOT NULL,
    [Quantity]   INT            NOT NULL,
    [UnitPrice]  DECIMAL (19,4) NOT NULL,
    CONSTRAINT [PK_OrderLines] PRIMARY KEY CLUSTERED ([OrderId], [LineNumber]),
    CONSTRAINT [FK_OrderLines_Orders] FOREIGN KEY ([OrderId]) REFERENCES [dbo].[Orders] ([OrderId])
);
GO
