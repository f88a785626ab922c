CREATE TABLE [dbo].[Customers]
(
    [CustomerId] INT            IDENTITY (1, 1) NOT NULL,
    [Name]       NVARCHAR (200) NOT NULL,
    [Email]      NVARCHAR (320) NULL,
    CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED ([CustomerId])
);
GO
CREATE TABLE [Sales].[Orders]
(
    [OrderId]    BIGINT         IDENTITY (1, 1) NOT NULL,
    [CustomerId] INT            NOT NULL,
    [OrderedAt]  DATETIME2 (3)  NOT NULL,
    [Total]      DECIMAL (19, 4) NOT NULL,
    CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderId]),
    CONSTRAINT [FK_Orders_Customers] FOREIGN KEY ([CustomerId]) REFERENCES [dbo].[Customers] ([CustomerId])
);
GO
