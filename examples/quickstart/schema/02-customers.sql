CREATE TABLE [dbo].[Customers]
(
    [CustomerId]   INT            IDENTITY (1, 1) NOT NULL,
    [Name]         NVARCHAR (200) NOT NULL,
    [Email]        NVARCHAR (320) NULL,
    [CreatedAt]    DATETIME2 (3)  NOT NULL CONSTRAINT [DF_Customers_CreatedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED ([CustomerId])
);
GO
CREATE UNIQUE NONCLUSTERED INDEX [UX_Customers_Email] ON [dbo].[Customers] ([Email]) WHERE [Email] IS NOT NULL;
GO
